package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

func TestSummarize(t *testing.T) {
	got := sampleResult(t).Summarize()
	want := Summary{Files: 5, Findings: 4, Errors: 1, Warnings: 2, Infos: 1, FileErrors: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if got := emptyResult().Summarize(); got != (Summary{Files: 3}) {
		t.Errorf("empty summary = %+v", got)
	}
}

func TestSort(t *testing.T) {
	at := func(file string, line, col int, rule string) model.Finding {
		return model.Finding{RuleID: rule, File: file, Range: model.Range{
			Start: model.Position{Line: line, Column: col}, End: model.Position{Line: line, Column: col + 1}}}
	}
	want := []model.Finding{
		at("Dockerfile", 2, 1, "b"),
		at("Dockerfile", 10, 1, "a"), // lines compare as numbers, not text
		at("Dockerfile", 10, 3, "a"),
		at("Dockerfile", 10, 3, "b"),
		at("a/compose.yaml", 1, 1, "a"),
		at("b.yaml", 1, 1, "a"),
	}
	r := &Result{
		Findings: []model.Finding{want[5], want[3], want[1], want[4], want[0], want[2]},
		Errors: []model.FileError{
			{File: "b", Range: &model.Range{Start: model.Position{Line: 3, Column: 1}, End: model.Position{Line: 3, Column: 2}}},
			{File: "b"}, // a whole-file error comes before positioned ones
			{File: "a"},
		},
		Rules: []model.Rule{{ID: "z"}, {ID: "a"}},
	}
	r.Sort()
	if diff := cmp.Diff(want, r.Findings); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	var files []string
	for _, e := range r.Errors {
		files = append(files, e.Error())
	}
	if diff := cmp.Diff([]string{"a: ", "b: ", "b:3:1: "}, files); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if r.Rules[0].ID != "a" {
		t.Errorf("rules not sorted by ID: %v", r.Rules)
	}
}

func TestFormats(t *testing.T) {
	if diff := cmp.Diff([]string{"checkstyle", "codeclimate", "github", "gitlab", "json", "junit", "sarif", "text"}, Formats()); diff != "" {
		t.Errorf("formats (-want +got):\n%s", diff)
	}
	if _, err := New("xml", nil, Options{}); err == nil || !strings.Contains(err.Error(), "json, junit, sarif, text") {
		t.Errorf("New(xml) error = %v", err)
	}
}

// TestEmpty: a clean run says so in every format, and the machine formats still carry
// their arrays ([] rather than null) for consumers that iterate without checking.
func TestEmpty(t *testing.T) {
	r := emptyResult()
	if got := string(render(t, "text", Options{Color: true}, r)); got != "no problems in 3 files\n" {
		t.Errorf("text = %q", got)
	}

	var doc struct {
		Findings json.RawMessage `json:"findings"`
		Errors   json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(render(t, "json", Options{}, r), &doc); err != nil {
		t.Fatal(err)
	}
	if string(doc.Findings) != "[]" || string(doc.Errors) != "[]" {
		t.Errorf("json findings = %s, errors = %s; want [] and []", doc.Findings, doc.Errors)
	}

	var log struct {
		Runs []struct {
			Results     json.RawMessage `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool            `json:"executionSuccessful"`
				Notifications       json.RawMessage `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			Tool struct {
				Driver struct {
					SemanticVersion *string         `json:"semanticVersion"`
					Rules           json.RawMessage `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", Options{}, r), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if string(run.Results) != "[]" || string(run.Tool.Driver.Rules) != "[]" {
		t.Errorf("sarif results = %s, rules = %s; want [] and []", run.Results, run.Tool.Driver.Rules)
	}
	if !run.Invocations[0].ExecutionSuccessful || run.Invocations[0].Notifications != nil {
		t.Errorf("sarif invocation = %+v", run.Invocations[0])
	}
	if run.Tool.Driver.SemanticVersion != nil {
		t.Errorf("version \"dev\" gave semanticVersion %q", *run.Tool.Driver.SemanticVersion)
	}
}

func TestTextSummaryLine(t *testing.T) {
	for _, tc := range []struct {
		s    Summary
		with int
		want string
	}{
		{Summary{Files: 1}, 0, "no problems in 1 file"},
		{Summary{Files: 4, FileErrors: 1}, 0, "no problems in 4 files; 1 file could not be parsed"},
		{Summary{Files: 1, Findings: 1, Errors: 1}, 1, "1 problem (1 error, 0 warnings, 0 info) in 1 of 1 file"},
		{Summary{Files: 5, Findings: 3, Errors: 1, Warnings: 2}, 2, "3 problems (1 error, 2 warnings, 0 info) in 2 of 5 files"},
	} {
		if got := summaryLine(tc.s, tc.with); got != tc.want {
			t.Errorf("summaryLine(%+v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestTextCarets covers what the golden file does not: wide and combining characters
// before the range, a range past the end of its line, a range on a line the source does
// not have, and control characters in the file.
func TestTextCarets(t *testing.T) {
	src := model.NewSource([]byte("名前: x\ne\u0301 = y\nab\n\x1b[31mred\n"))
	one := func(line, col, end int) model.Finding {
		return model.Finding{RuleID: "r", Severity: model.SeverityInfo, Message: "m", File: "f",
			Range: model.Range{Start: model.Position{Line: line, Column: col}, End: model.Position{Line: line, Column: end}}}
	}
	for _, tc := range []struct {
		name string
		f    model.Finding
		want string
	}{
		{"wide", one(1, 5, 6), "  1 | 名前: x\n    |       ^\n"},
		{"combining", one(2, 4, 5), "  2 | e\u0301 = y\n    |   ^\n"},
		{"past the end", one(3, 3, 3), "  3 | ab\n    |   ^\n"},
		{"far past the end", one(3, 50, 51), "  3 | ab\n    |   ^\n"},
		{"no such line", one(9, 1, 2), ""},
		{"control", one(4, 1, 5), "  4 | \uFFFD[31mred\n    | ^^^^\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Result{Findings: []model.Finding{tc.f}, Files: 1, Sources: map[string]*model.Source{"f": src}}
			got := string(render(t, "text", Options{}, r))
			want := fmt.Sprintf("f:%d:%d: info [r] m\n%s\n1 problem (0 errors, 0 warnings, 1 info) in 1 of 1 file\n",
				tc.f.Range.Start.Line, tc.f.Range.Start.Column, tc.want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}

// brokenRangeResult has ranges a buggy locator could produce. Every format must still
// place them somewhere valid.
func brokenRangeResult() *Result {
	return &Result{
		Findings: []model.Finding{
			{RuleID: "zero", Severity: model.SeverityError, Message: "m", File: "a b/Dockerfile"},
			{RuleID: "backwards", Severity: model.SeverityWarning, Message: "m", File: "a b/Dockerfile",
				Range: model.Range{Start: model.Position{Line: 4, Column: 7}, End: model.Position{Line: 2, Column: 1}}},
		},
		Errors: []model.FileError{{File: "c", Range: &model.Range{}, Message: "m"}},
		Files:  2,
	}
}

func TestClamp(t *testing.T) {
	for _, tc := range []struct{ in, want model.Range }{
		{model.Range{}, model.Range{Start: model.Position{Line: 1, Column: 1}, End: model.Position{Line: 1, Column: 1}}},
		{
			model.Range{Start: model.Position{Line: 4, Column: 7}, End: model.Position{Line: 2, Column: 1}},
			model.Range{Start: model.Position{Line: 4, Column: 7}, End: model.Position{Line: 4, Column: 7}},
		},
		{
			model.Range{Start: model.Position{Line: 3, Column: 5}, End: model.Position{Line: 4}},
			model.Range{Start: model.Position{Line: 3, Column: 5}, End: model.Position{Line: 4, Column: 1}},
		},
		{
			model.Range{Start: model.Position{Line: 2, Column: 3}, End: model.Position{Line: 2, Column: 9}},
			model.Range{Start: model.Position{Line: 2, Column: 3}, End: model.Position{Line: 2, Column: 9}},
		},
	} {
		if got := clamp(tc.in); got != tc.want || !got.Valid() {
			t.Errorf("clamp(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	got := string(render(t, "text", Options{}, brokenRangeResult()))
	for _, want := range []string{"a b/Dockerfile:1:1: error [zero]", "a b/Dockerfile:4:7: warning [backwards]", "c:1:1: error: m"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for _, tc := range []struct{ file, uri, base string }{
		{"Dockerfile", "Dockerfile", srcRoot},
		{"k8s/app.yaml", "k8s/app.yaml", srcRoot},
		{"my dir/Dockerfile", "my%20dir/Dockerfile", srcRoot},
		{"charts/100%/#1?.yaml", "charts/100%25/%231%3F.yaml", srcRoot},
		{"café/Dockerfile", "caf%C3%A9/Dockerfile", srcRoot},
		{"a:b/Dockerfile", "./a:b/Dockerfile", srcRoot}, // not a scheme
		{"../other/Dockerfile", "../other/Dockerfile", srcRoot},
		{"/abs/my dir/Dockerfile", "file:///abs/my%20dir/Dockerfile", ""},
	} {
		uri, base := artifactURI(tc.file)
		if uri != tc.uri || base != tc.base {
			t.Errorf("artifactURI(%q) = %q, %q; want %q, %q", tc.file, uri, base, tc.uri, tc.base)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"v1.2.3":            "1.2.3",
		"1.2.3-rc.1+abc":    "1.2.3-rc.1+abc",
		"dev":               "",
		"v1.2":              "",
		"":                  "",
		"1.02.3":            "",
		"v0.1.0-0.20260101": "0.1.0-0.20260101",
	} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// A reference that is not an absolute URI must not make the SARIF log invalid.
func TestSARIFDropsRelativeHelpURI(t *testing.T) {
	rules, index := sarifRules([]model.Rule{{ID: "x", References: []model.Reference{{URL: "docs/x.md"}}}, {ID: "x"}})
	if len(rules) != 1 || index["x"] != 0 {
		t.Fatalf("duplicate IDs not merged: %+v", rules)
	}
	if rules[0].HelpURI != "" {
		t.Errorf("helpUri = %q", rules[0].HelpURI)
	}
}
