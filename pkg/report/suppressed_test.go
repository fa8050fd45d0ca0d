package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/model"
)

// suppressedResult is the sample result compared with a baseline, with one finding
// suppressed by a comment and one in the baseline.
func suppressedResult(t *testing.T, include bool) *Result {
	t.Helper()
	r := sampleResult(t)
	inline, baselined := r.Findings[0], r.Findings[3]
	inline.Suppressed = &model.Suppression{Kind: model.SuppressInSource, Justification: "the installer is checked by its own signature"}
	baselined.Suppressed = &model.Suppression{Kind: model.SuppressExternal, Justification: "in the baseline .infralint-baseline.json"}
	r.Findings = []model.Finding{r.Findings[1], r.Findings[2]}
	r.Suppressed = []model.Finding{baselined, inline}
	r.IncludeSuppressed = include
	r.Baseline = ".infralint-baseline.json"
	r.Sort()
	return r
}

// TestSuppressedGolden pins how each format shows suppressed and baselined findings
// with --include-suppressed, and that without it they are only counted.
func TestSuppressedGolden(t *testing.T) {
	for _, tc := range []struct{ golden, format string }{
		{"golden-suppressed.txt", "text"},
		{"golden-suppressed.json", "json"},
		{"golden-suppressed.sarif", "sarif"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, Options{}, suppressedResult(t, true))
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestSuppressedHiddenByDefault(t *testing.T) {
	r := suppressedResult(t, false)
	if s := r.Summarize(); s.Findings != 2 || s.Suppressed != 1 || s.Baselined != 1 {
		t.Errorf("summary = %+v, want 2 findings, 1 suppressed, 1 baselined", s)
	}
	text := string(render(t, "text", Options{}, r))
	if strings.Contains(text, "pipe-to-shell") || strings.Contains(text, "no-privileged") {
		t.Errorf("suppressed findings shown without IncludeSuppressed:\n%s", text)
	}
	if !strings.Contains(text, "; 1 suppressed, 1 in the baseline") {
		t.Errorf("summary line lacks the counts:\n%s", text)
	}
	var doc map[string]any
	if err := json.Unmarshal(render(t, "json", Options{}, r), &doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc["suppressed_findings"]; ok {
		t.Errorf("json has suppressed_findings without IncludeSuppressed")
	}
	sarif := render(t, "sarif", Options{}, r)
	if bytes.Contains(sarif, []byte(`"suppressions"`)) || bytes.Count(sarif, []byte(`"ruleId"`)) != 2 {
		t.Errorf("sarif shows suppressed results without IncludeSuppressed:\n%s", sarif)
	}
	// A clean run's JSON has no new keys at all: version 1 readers see what they always saw.
	plain := string(render(t, "json", Options{}, emptyResult()))
	for _, key := range []string{"suppressed", "baselined", "suppressed_findings"} {
		if strings.Contains(plain, `"`+key+`"`) {
			t.Errorf("a run without suppressions writes %q", key)
		}
	}
}

func TestSuppressedSchemas(t *testing.T) {
	testutil.ValidateJSON(t, testutil.Schema(t, filepath.Join(testutil.Root(t), "schemas", "report.v1.json")),
		render(t, "json", Options{}, suppressedResult(t, true)))
	sarif := testutil.Schema(t, testutil.Shared(t, "schemas", "sarif-2.1.0.json"))
	testutil.ValidateJSON(t, sarif, render(t, "sarif", Options{}, suppressedResult(t, true)))
}
