package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

// TestJSONStreamIsTheDocument: the JSON, Code Climate and SARIF reports, written a
// finding at a time, are byte for byte what encoding the whole document at once gives.
func TestJSONStreamIsTheDocument(t *testing.T) {
	many := sampleResult(t)
	for i := range 3000 { // more than the stream's buffer holds
		f := many.Findings[i%len(many.Findings)]
		f.Message += strings.Repeat(" <&> é", i%7)
		many.Findings = append(many.Findings, f)
	}
	for name, r := range map[string]*Result{
		"empty":                emptyResult(),
		"sample":               sampleResult(t),
		"ci":                   ciResult(t),
		"suppressed":           suppressedResult(t, false),
		"suppressed, included": suppressedResult(t, true),
		"only errors":          {Errors: sampleResult(t).Errors, Files: 2},
		"baseline":             {Findings: sampleResult(t).Findings, Baseline: "b.json", Files: 2},
		"many":                 many,
	} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			if err := writeJSON(&want, document(r)); err != nil {
				t.Fatal(err)
			}
			got := render(t, "json", Options{}, r)
			if diff := cmp.Diff(want.String(), string(got)); diff != "" {
				t.Errorf("stream differs from the document (-document +stream):\n%s", diff)
			}
			want.Reset()
			if err := writeJSON(&want, issues(r)); err != nil {
				t.Fatal(err)
			}
			got = render(t, "codeclimate", Options{}, r)
			if diff := cmp.Diff(want.String(), string(got)); diff != "" {
				t.Errorf("code climate stream differs from the issue list (-list +stream):\n%s", diff)
			}
			want.Reset()
			if err := writeJSON(&want, sarifLogOf(r)); err != nil {
				t.Fatal(err)
			}
			got = render(t, "sarif", Options{}, r)
			if diff := cmp.Diff(want.String(), string(got)); diff != "" {
				t.Errorf("SARIF stream differs from the log (-log +stream):\n%s", diff)
			}
		})
	}
}

// failingWriter accepts n bytes, then fails.
type failingWriter struct{ n int }

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errWrite
	}
	w.n -= len(p)
	return len(p), nil
}

// TestJSONStreamError: a writer's error is the report's, whenever it comes.
func TestJSONStreamError(t *testing.T) {
	r := sampleResult(t)
	for range 2000 {
		r.Findings = append(r.Findings, r.Findings[0])
	}
	for _, format := range []string{"json", "codeclimate", "sarif"} {
		for _, n := range []int{0, 100, 70_000, 1 << 30} {
			w := &failingWriter{n: n}
			rep, err := New(format, w, Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = rep.Report(r)
			if n < 1<<30 && !errors.Is(err, errWrite) {
				t.Errorf("%s, writer failing after %d bytes: error %v", format, n, err)
			}
			if n == 1<<30 && err != nil {
				t.Errorf("%s, writer that does not fail: error %v", format, err)
			}
		}
	}
}

// excerpted replaces each of r's sources with an excerpt of the lines pkg/lint keeps:
// those the findings, related locations and errors in the file start and end on, the
// first and the last.
func excerpted(r *Result) *Result {
	lines := map[string][]int{}
	mark := func(file string, rg model.Range) {
		lines[file] = append(lines[file], rg.Start.Line, rg.End.Line)
	}
	for _, f := range append(append([]model.Finding{}, r.Findings...), r.Suppressed...) {
		mark(f.File, f.Range)
		for _, l := range f.Related {
			mark(l.File, l.Range)
		}
	}
	for _, e := range r.Errors {
		if e.Range != nil {
			mark(e.File, *e.Range)
		}
	}
	out := *r
	out.Sources = map[string]*model.Source{}
	for file, src := range r.Sources {
		out.Sources[file] = src.Excerpt(append(lines[file], 1, src.LineCount())...)
	}
	return &out
}

// TestReportsFromExcerpts: every format writes the same bytes from excerpts of the
// files as from their whole text.
func TestReportsFromExcerpts(t *testing.T) {
	for _, format := range Formats() {
		for _, color := range []bool{false, true} {
			for name, r := range map[string]*Result{
				"ci":         ciResult(t),
				"suppressed": suppressedResult(t, true),
			} {
				want := render(t, format, Options{Color: color}, r)
				ex := excerpted(r)
				for file, src := range ex.Sources {
					if !src.IsExcerpt() || src.LineCount() != r.Sources[file].LineCount() {
						t.Fatalf("%s: not an excerpt of %d lines", file, r.Sources[file].LineCount())
					}
				}
				if got := render(t, format, Options{Color: color}, ex); !bytes.Equal(got, want) {
					t.Errorf("%s, %s, color %v: differs from excerpts:\n%s", format, name, color, cmp.Diff(string(want), string(got)))
				}
			}
		}
	}
}
