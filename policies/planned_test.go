package policies_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// The engine runs the built-in policies from plans made at build time (package
// planeval); topdown, compiling the Rego source, is the reference. These tests lint the
// same files with both, every built-in rule on (those off by default too, at their
// default options; fixtures with options lines are covered by TestFixtures, which runs
// the plans), and require the same findings, suppressed findings and errors.

// TestPlansMatchTopdownOnFixtures compares both on every rule's fixtures and the
// repository's example and test inputs.
func TestPlansMatchTopdownOnFixtures(t *testing.T) {
	root := testutil.Root(t)
	res := compareEngines(t, []string{
		filepath.Join(root, "policies"),
		filepath.Join(root, "testdata"),
		filepath.Join(root, "internal", "cli", "testdata"),
	})
	// Guard against a walk that finds nothing to compare.
	if res.Files < 400 || len(res.Findings) < 1000 {
		t.Errorf("compared %d files with %d findings; expected the fixtures' hundreds", res.Files, len(res.Findings))
	}
}

// TestPlansMatchTopdownOnCorpus compares both on the whole measurement corpus (about
// 6,000 third-party files of every kind, beside the repository). Skipped without it
// and with -short.
func TestPlansMatchTopdownOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := testutil.Shared(t, "corpus")
	res := compareEngines(t, []string{corpus})
	if res.Files < 5000 || len(res.Findings) < 20000 {
		t.Errorf("compared %d files with %d findings; expected the whole corpus", res.Files, len(res.Findings))
	}
	t.Logf("%d files, %d findings, %d suppressed, %d errors: identical", res.Files, len(res.Findings), len(res.Suppressed), len(res.Errors))
}

func compareEngines(t *testing.T, paths []string) *report.Result {
	t.Helper()
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range reg.Rules() {
		if r.Target != model.KindMeta {
			ids = append(ids, r.ID)
		}
	}
	run := func(topdown bool) *report.Result {
		eng, err := rules.New(reg, rules.Selection{Only: ids})
		if err != nil {
			t.Fatal(err)
		}
		if topdown {
			eng.UseTopdown()
		}
		return lint.Paths(context.Background(), eng, paths, lint.Options{})
	}
	planned, reference := run(false), run(true)
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"files", planned.Files, reference.Files},
		{"findings", planned.Findings, reference.Findings},
		{"suppressed findings", planned.Suppressed, reference.Suppressed},
		{"errors", planned.Errors, reference.Errors},
		{"warnings", planned.Warnings, reference.Warnings},
	} {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s differ between topdown and the plans (-topdown +plans):\n%s", c.what, diff)
		}
	}
	return planned
}
