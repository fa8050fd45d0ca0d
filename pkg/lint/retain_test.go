package lint

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"sync"
	"testing"
	"unsafe"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// defaultEngine runs the rules that are on by default, as the CLI does.
func defaultEngine(t *testing.T) *rules.Engine {
	t.Helper()
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(reg, rules.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestShrunkResultKeepsNoDocument: once an input's findings are made, nothing its result
// keeps leads back to its documents or to the text of its files, so they are freed
// while the run goes on (weak pointers to them are cleared by the collector).
func TestShrunkResultKeepsNoDocument(t *testing.T) {
	eng := defaultEngine(t)
	files, errs := discover.Walk([]string{"../../testdata/examples"})
	if len(errs) > 0 || len(files) < 4 {
		t.Fatalf("walk: %d files, %v", len(files), errs)
	}
	opts := Options{}
	opts.builds = newBuilds(files, true)
	flt := newFilter(eng, opts)
	in := newInterner()
	var results []fileResult
	var kinds []model.Kind
	var weaks []weak.Pointer[byte]
	var docs []weak.Pointer[model.Document]
	for _, f := range files {
		func() { // the documents are this function's: unreachable when it returns
			loaded, lerrs := Load(f, opts)
			for _, d := range loaded {
				docs = append(docs, weak.Make(d))
				for _, src := range append([]*model.Source{d.Source}, valuesOf(d.Sources)...) {
					if len(src.Text) > 0 {
						weaks = append(weaks, weak.Make(&src.Text[0]))
					}
					for n := 1; n <= src.LineCount(); n++ {
						if l := src.Line(n); l != "" {
							weaks = append(weaks, weak.Make(unsafe.StringData(l)))
							break
						}
					}
				}
			}
			r := evaluate(context.Background(), eng, flt, loaded, lerrs)
			r.shrink(in)
			results = append(results, r)
			kinds = append(kinds, f.Kind)
		}()
	}
	for range 3 {
		runtime.GC()
	}
	for i, w := range docs {
		if w.Value() != nil {
			t.Errorf("document %d is still reachable", i)
		}
	}
	for i, w := range weaks {
		if w.Value() != nil {
			t.Errorf("the text of source %d is still reachable", i)
		}
	}
	findings := 0
	for i, r := range results {
		findings += len(r.findings)
		for file, src := range r.sources {
			if !src.IsExcerpt() {
				t.Errorf("%s (%s input): the result keeps the whole source of %s", files[i].Path, kinds[i], file)
			}
		}
	}
	if findings == 0 || len(docs) == 0 || len(weaks) == 0 {
		t.Fatalf("nothing was checked: %d findings, %d documents, %d texts", findings, len(docs), len(weaks))
	}
	runtime.KeepAlive(results)
}

func valuesOf(m map[string]*model.Source) []*model.Source {
	var out []*model.Source
	for _, s := range m {
		out = append(out, s)
	}
	return out
}

// TestExcerptsReportAsSources: the text report of a run, made from the excerpts the run
// keeps, is the report made from the files' whole text; so are the editor's positions
// (each end of every range, and of every related location, on a kept line).
func TestExcerptsReportAsSources(t *testing.T) {
	res := Paths(context.Background(), defaultEngine(t), []string{"../../testdata/examples"}, Options{Jobs: 2})
	if len(res.Findings) < 10 || len(res.Sources) < 4 {
		t.Fatalf("%d findings in %d files", len(res.Findings), len(res.Sources))
	}
	whole := *res
	whole.Sources = map[string]*model.Source{}
	for file, src := range res.Sources {
		if !src.IsExcerpt() {
			t.Errorf("%s: the result keeps the whole text", file)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		whole.Sources[file] = model.NewSource(data)
	}
	text := func(r *report.Result) string {
		var b bytes.Buffer
		if err := (&report.Text{W: &b}).Report(r); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if diff := cmp.Diff(text(&whole), text(res)); diff != "" {
		t.Errorf("the report differs (-whole text +excerpts):\n%s", diff)
	}
	check := func(file string, rg model.Range) {
		src, full := res.Sources[file], whole.Sources[file]
		if src == nil {
			return // a file without findings: its positions are converted without text
		}
		for _, n := range []int{rg.Start.Line, rg.End.Line, 1, full.LineCount()} {
			if n >= 1 && n <= full.LineCount() && src.Line(n) != full.Line(n) {
				t.Errorf("%s:%d: kept %q, want %q", file, n, src.Line(n), full.Line(n))
			}
		}
	}
	for _, f := range res.Findings {
		check(f.File, f.Range)
		for _, l := range f.Related {
			check(l.File, l.Range)
		}
	}
}

// TestCollectMergesExcerpts: a file's source in the report holds the lines every input
// kept of it, those of an input that only read it (fileResult.seen) too; and it is
// there only when an input that lints the file has findings in it, as before results
// were shrunk.
func TestCollectMergesExcerpts(t *testing.T) {
	df := model.NewSource([]byte("FROM alpine\nRUN a\nRUN b\nRUN c\nUSER root\n"))
	compose := model.NewSource([]byte("services:\n  app:\n    build: .\n"))
	at := func(line int) model.Range {
		return model.Range{Start: model.Position{Line: line, Column: 1}, End: model.Position{Line: line, Column: 2}}
	}
	own := fileResult{
		findings: []model.Finding{{RuleID: "r", File: "Dockerfile", Range: at(2)}},
		sources:  map[string]*model.Source{"Dockerfile": df},
	}
	cross := fileResult{
		findings: []model.Finding{
			{RuleID: "x", File: "Dockerfile", Range: at(4)},
			{RuleID: "y", File: "compose.yaml", Range: at(3), Related: []model.Location{{File: "Dockerfile", Range: at(3)}}},
		},
		sources: map[string]*model.Source{"compose.yaml": compose},
		seen:    map[string]*model.Source{"Dockerfile": df},
	}
	own.shrink(newInterner())
	cross.shrink(newInterner())
	res := &report.Result{Sources: map[string]*model.Source{}}
	collect(res, []fileResult{own, cross}, Options{})
	got := res.Sources["Dockerfile"]
	if got == nil || !got.IsExcerpt() {
		t.Fatalf("Dockerfile source: %v", got)
	}
	for n, want := range []string{"FROM alpine", "RUN a", "RUN b", "RUN c", "USER root"} {
		if got.Line(n+1) != want {
			t.Errorf("line %d = %q, want %q (first, last, and each finding's)", n+1, got.Line(n+1), want)
		}
	}

	// Only the compose input has findings in the Dockerfile, which it does not lint:
	// the report has no source for it, as before.
	own = fileResult{sources: map[string]*model.Source{"Dockerfile": df}}
	cross = fileResult{
		findings: []model.Finding{{RuleID: "x", File: "Dockerfile", Range: at(4)}},
		seen:     map[string]*model.Source{"Dockerfile": df},
	}
	own.shrink(newInterner())
	cross.shrink(newInterner())
	res = &report.Result{Sources: map[string]*model.Source{}}
	collect(res, []fileResult{own, cross}, Options{})
	if res.Sources["Dockerfile"] != nil {
		t.Error("a file is given a source by an input that does not lint it")
	}
}

// TestKept: a run tells how much it keeps for its report, at least its findings.
func TestKept(t *testing.T) {
	var mu sync.Mutex
	var most int64
	calls := 0
	opts := Options{Jobs: 2, Kept: func(n int64) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		most = max(most, n)
	}}
	res := Paths(context.Background(), defaultEngine(t), []string{"../../testdata/examples"}, opts)
	if calls < 4 {
		t.Errorf("Kept called %d times, want once per input", calls)
	}
	least := int64(len(res.Findings)) * int64(unsafe.Sizeof(model.Finding{}))
	if most < least || most > 1<<20 {
		t.Errorf("kept %d bytes for %d findings: want from %d to 1 MiB", most, len(res.Findings), least)
	}
}
