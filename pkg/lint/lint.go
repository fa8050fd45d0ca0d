// Package lint runs the whole pipeline on a set of paths: discover, parse, evaluate,
// sort. It is what the CLI calls, and what an editor integration calls for one buffer.
package lint

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// Options control a run.
type Options struct {
	Jobs        int   // parallel workers; 0 means one per CPU
	MaxFileSize int64 // 0 means DefaultMaxFileSize
}

// Paths lints every file found under paths. Files that cannot be read or parsed become
// errors in the result; they never stop the other files from being linted.
func Paths(ctx context.Context, eng *rules.Engine, paths []string, opts Options) *report.Result {
	files, errs := discover.Walk(paths)
	res := Files(ctx, eng, files, opts)
	res.Errors = append(res.Errors, errs...)
	res.Sort()
	return res
}

type fileResult struct {
	findings []model.Finding
	errs     []model.FileError
	sources  map[string]*model.Source // every file the document was built from
}

// Files lints the given files on a pool of workers. The result is sorted, so it is the
// same whatever the number of workers.
func Files(ctx context.Context, eng *rules.Engine, files []discover.File, opts Options) *report.Result {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, max(len(files), 1))
	results := make([]fileResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = lintFile(ctx, eng, files[i], opts)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	res := &report.Result{Rules: eng.Rules(), Files: len(files), Sources: map[string]*model.Source{}}
	for _, r := range results {
		res.Findings = append(res.Findings, r.findings...)
		res.Errors = append(res.Errors, r.errs...)
		for _, f := range r.findings {
			if src, ok := r.sources[f.File]; ok {
				res.Sources[f.File] = src
			}
		}
	}
	res.Sort()
	return res
}

// lintFile reads, parses and evaluates one file. A panic anywhere below is turned into
// an error for this file, so one bad input never costs the user the other results.
func lintFile(ctx context.Context, eng *rules.Engine, f discover.File, opts Options) (out fileResult) {
	defer func() {
		if p := recover(); p != nil {
			out = fileResult{errs: []model.FileError{{
				File:    f.Path,
				Message: fmt.Sprintf("internal error (please report it): %v\n%s", p, debug.Stack()),
			}}}
		}
	}()
	docs, errs := Load(f, opts)
	return evaluate(ctx, eng, docs, errs)
}

// Source lints one file's contents, as if read from path (an editor's unsaved buffer).
func Source(ctx context.Context, eng *rules.Engine, kind model.Kind, path string, src []byte) ([]model.Finding, []model.FileError) {
	docs, errs := Parse(kind, path, src)
	r := evaluate(ctx, eng, docs, errs)
	return r.findings, r.errs
}

// evaluate runs the engine over the documents of one input.
func evaluate(ctx context.Context, eng *rules.Engine, docs []*model.Document, errs []model.FileError) fileResult {
	out := fileResult{errs: errs, sources: map[string]*model.Source{}}
	for _, doc := range docs {
		out.sources[doc.Path] = doc.Source
		for p, src := range doc.Sources {
			out.sources[p] = src
		}
		findings, err := eng.Evaluate(ctx, doc)
		if err != nil {
			out.errs = append(out.errs, model.FileError{File: doc.Path, Message: err.Error()})
			continue
		}
		out.findings = append(out.findings, findings...)
	}
	return out
}
