// Package lint runs the whole pipeline on a set of paths: discover, parse, evaluate,
// filter, sort. It is what the CLI calls, and what an editor integration calls for one
// buffer.
//
// The filter stage applies, in order: the configuration's per-path rule settings and
// severities (config.Plan), inline suppressions and annotations (pkg/suppress, which
// also emits the findings of the meta rules about them), then the baseline. Suppressed
// and baselined findings leave Result.Findings for Result.Suppressed, so they never
// count for --fail-on.
package lint

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/infralint/infralint/pkg/cache"
	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/pkg/suppress"
)

// Options control a run.
type Options struct {
	Jobs        int   // parallel workers; 0 means one per CPU
	MaxFileSize int64 // 0 means DefaultMaxFileSize
	// MaxLineLength bounds one line of a Compose file or manifest; 0 means
	// DefaultMaxLineLength.
	MaxLineLength int

	// Plan applies the configuration: excluded paths, rules turned on or off for some
	// paths, severities. nil keeps every finding at its METADATA severity.
	Plan *config.Plan
	// Helm and Compose are the configuration file's settings for those parsers.
	Helm    config.Helm
	Compose config.Compose
	// HelmSandbox, when set, renders charts in child processes with bounded time and
	// memory (helm.Sandbox); nil renders in this process.
	HelmSandbox *helm.Sandbox
	// ChartProcs, when set, lints each chart in a child process (charts.go); a chart
	// whose child fails is linted here, with HelmSandbox.
	ChartProcs *ChartProcs
	// HelmTimeout and HelmMaxOutput bound one chart's render under one values set;
	// 0 keeps helm's defaults.
	HelmTimeout   time.Duration
	HelmMaxOutput int
	// NoInlineIgnores ignores suppression comments and annotations (--no-inline-ignores).
	NoInlineIgnores bool
	// IncludeSuppressed has reporters show suppressed and baselined findings.
	IncludeSuppressed bool
	// Baseline holds accepted findings: they are counted, not reported.
	Baseline *suppress.Baseline
	// Changed says the files named in Paths are changed files, linted as a walk lints
	// them (discover.WalkOptions.Changed): pre-commit's and editors' way.
	Changed bool

	// Cache, when set, keeps each input's result for runs on unchanged files (cache.go).
	// Its salt must identify the binary, the configuration and the user policies.
	Cache *cache.Cache

	// Kept, when set, is told after each input how many bytes the run keeps so far
	// for its report (an estimate: findings, errors, their strings, the lines of source
	// reporters show; retain.go). It may be called from several goroutines at once.
	// The CLI sets its soft memory limit from it.
	Kept func(bytes int64)

	builds *builds // the run's Dockerfiles, for Compose builds (cross.go); set by Files
	// contexts reads the build contexts of the run's Dockerfiles; set by Files.
	contexts *dockerfile.ContextReader
	cache    *cacheRun // the run's use of Cache; set by Files
	// settings is the hash of the run's settings for Cache, when Paths has made it.
	settings string
}

// Paths lints every file found under paths. Files that cannot be read or parsed become
// errors in the result; they never stop the other files from being linted. Files the
// configuration excludes are skipped, even when named on the command line (a
// pre-commit hook names every changed file).
func Paths(ctx context.Context, eng *rules.Engine, paths []string, opts Options) *report.Result {
	preloadPack(eng, paths, &opts)
	files, errs := discover.WalkWith(paths, discover.WalkOptions{Changed: opts.Changed})
	if opts.Plan != nil {
		files = slices.DeleteFunc(files, func(f discover.File) bool {
			return opts.Plan.Excluded(f.Path, f.Kind == model.KindHelm)
		})
	}
	res := Files(ctx, eng, files, opts)
	res.Errors = append(res.Errors, errs...)
	res.Sort()
	return res
}

// fileResult is what a run keeps of one input: after shrink (retain.go), its findings
// and errors, and excerpts of its files, never its documents.
type fileResult struct {
	findings   []model.Finding
	suppressed []model.Finding
	errs       []model.FileError
	warnings   []model.FileError
	sources    map[string]*model.Source // every file the documents were built from
	// seen holds files the input read without linting them: the Dockerfile of a
	// Compose build that another input lints. Its findings in them need their lines,
	// but only the input that lints a file gives the report its source (collect).
	seen map[string]*model.Source
	// excerpts estimates the bytes sources and seen keep after shrink.
	excerpts int64
	cached   bool // from the result cache (fromEntry)
}

// Files lints the given files on a pool of workers. The result is sorted, so it is the
// same whatever the number of workers. Once the last chart among them is linted, the
// idle chart children (opts.ChartProcs) are stopped.
func Files(ctx context.Context, eng *rules.Engine, files []discover.File, opts Options) *report.Result {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, max(len(files), 1))
	results := make([]fileResult, len(files))
	f := newFilter(eng, opts)
	opts.builds = newBuilds(files, hasTarget(eng, model.KindCross))
	opts.contexts = dockerfile.NewContextReader()
	opts.cache = newCacheRun(eng, files, opts)
	in := newInterner()
	var kept, chartsLeft atomic.Int64
	for _, file := range files {
		if file.Kind == model.KindHelm {
			chartsLeft.Add(1)
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := lintFile(ctx, eng, f, files[i], opts)
				if files[i].Kind == model.KindHelm && chartsLeft.Add(-1) == 0 {
					opts.ChartProcs.release()
				}
				r.shrink(in) // the input's documents and texts are garbage from here on
				results[i] = r
				if opts.Kept != nil {
					opts.Kept(kept.Add(r.size()) + in.size())
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	res := &report.Result{
		Rules: f.rules(), Files: countFiles(files) + opts.builds.count(), Sources: map[string]*model.Source{},
		IncludeSuppressed: opts.IncludeSuppressed,
	}
	collect(res, results, opts)
	return res
}

// collect adds the results of a run's inputs to res: their findings, suppressed
// findings, errors and warnings, and the sources of the files the findings are in.
// Then the baseline moves the findings it knows to res.Suppressed, and res is sorted.
//
// A file's source comes from the last input with a finding in it that read it; when
// the results are excerpts (shrink), the lines the other inputs kept of the same file
// are added to it, since their findings and errors in it may be shown with it.
func collect(res *report.Result, results []fileResult, opts Options) {
	n := 0
	for _, r := range results {
		n += len(r.findings)
	}
	found := make([]model.Finding, 0, n)
	for i, r := range results {
		results[i].findings = nil // found holds them now
		found = append(found, r.findings...)
		res.Suppressed = append(res.Suppressed, r.suppressed...)
		res.Errors = append(res.Errors, r.errs...)
		res.Warnings = append(res.Warnings, r.warnings...)
		for _, list := range [][]model.Finding{r.findings, r.suppressed} {
			for _, f := range list {
				if src, ok := r.sources[f.File]; ok {
					res.Sources[f.File] = src
				}
			}
		}
	}
	mergeExcerpts(res.Sources, results)
	if opts.Baseline != nil {
		var known []model.Finding
		found, known = opts.Baseline.Filter(found)
		res.Suppressed = append(res.Suppressed, known...)
		res.Baseline = opts.Baseline.Path()
	}
	res.Findings = found
	res.Sort()
}

// lintFile reads, parses and evaluates one file. A panic anywhere below is turned into
// an error for this file, so one bad input never costs the user the other results.
func lintFile(ctx context.Context, eng *rules.Engine, flt *filter, f discover.File, opts Options) (out fileResult) {
	defer func() {
		if p := recover(); p != nil {
			out = panicResult(f, p)
		}
	}()
	if opts.cache != nil {
		return cachedLint(ctx, eng, flt, f, opts)
	}
	if e, _, ok := opts.ChartProcs.lint(ctx, f, opts); ok {
		return fromEntry(e)
	}
	out, _, _ = loadAndEvaluate(ctx, eng, flt, f, opts)
	return out
}

// panicResult is an input's result when linting it panicked (called by the deferred
// function that recovered, so the stack is the panic's).
func panicResult(f discover.File, p any) fileResult {
	return fileResult{errs: []model.FileError{{
		File:    f.Path,
		Message: fmt.Sprintf("internal error (please report it): %v\n%s", p, debug.Stack()),
	}}}
}

// loadAndEvaluate loads and evaluates f in this process. cacheable says its result may
// be cached: the run goes on, nothing failed to evaluate, and every error of a chart
// is one its templates give whenever they are rendered (deterministicErrors).
func loadAndEvaluate(ctx context.Context, eng *rules.Engine, flt *filter, f discover.File, opts Options) (out fileResult, docs []*model.Document, cacheable bool) {
	docs, errs := Load(f, opts)
	loadErrs := len(errs)
	out = evaluate(ctx, eng, flt, docs, errs)
	cacheable = ctx.Err() == nil && len(out.errs) == loadErrs &&
		(f.Kind != model.KindHelm || deterministicErrors(errs[:loadErrs]))
	return out, docs, cacheable
}

// File lints one file as a run would (its build context included), with suppression
// comments applied and no configuration; suppressed findings are not returned.
func File(ctx context.Context, eng *rules.Engine, f discover.File) ([]model.Finding, []model.FileError) {
	r := lintFile(ctx, eng, newFilter(eng, Options{}), f, Options{})
	return r.findings, r.errs
}

// Source lints one file's contents, as if read from path (an editor's unsaved buffer).
// Suppression comments apply; suppressed findings are not returned.
func Source(ctx context.Context, eng *rules.Engine, kind model.Kind, path string, src []byte) ([]model.Finding, []model.FileError) {
	docs, errs := Parse(kind, path, src)
	r := evaluate(ctx, eng, newFilter(eng, Options{}), docs, errs)
	return r.findings, r.errs
}

// evaluate runs the engine over the documents of one input, then the filter stage.
func evaluate(ctx context.Context, eng *rules.Engine, flt *filter, docs []*model.Document, errs []model.FileError) fileResult {
	out := fileResult{errs: errs, sources: map[string]*model.Source{}}
	evaluated := make([]suppress.Evaluated, 0, len(docs))
	for _, doc := range docs {
		out.sources[doc.Path] = doc.Source
		for p, src := range doc.Sources {
			out.sources[p] = src
		}
		if cl, ok := doc.Locations.(*crossLocator); ok && cl.dfSource != nil {
			if out.seen == nil {
				out.seen = map[string]*model.Source{}
			}
			out.seen[cl.linked.Path] = cl.dfSource
		}
		findings, err := eng.Evaluate(ctx, doc)
		if err != nil {
			out.errs = append(out.errs, model.FileError{File: doc.Path, Message: err.Error()})
			continue
		}
		evaluated = append(evaluated, suppress.Evaluated{Doc: doc, Findings: findings})
	}
	evaluated = mergeValuesSets(evaluated) // dedupe.go: one finding for several Helm values sets
	out.findings, out.suppressed, out.warnings = flt.apply(evaluated)
	return out
}

// filter is the filter stage, shared by the workers of a run.
type filter struct {
	plan     *config.Plan
	reg      *rules.Registry
	enabled  map[string]model.Rule // the rules the engine evaluates
	noInline bool
}

func newFilter(eng *rules.Engine, opts Options) *filter {
	f := &filter{plan: opts.Plan, reg: eng.Registry(), enabled: map[string]model.Rule{}, noInline: opts.NoInlineIgnores}
	for _, r := range eng.Rules() {
		f.enabled[r.ID] = r
	}
	return f
}

// rules are the evaluated rules with their configured severity, for reporters (SARIF
// lists them with their level).
func (f *filter) rules() []model.Rule {
	out := make([]model.Rule, 0, len(f.enabled))
	for _, r := range f.enabled {
		if f.plan != nil {
			r.Severity = f.plan.Severity(r.ID, r.Severity)
		}
		out = append(out, r)
	}
	return out
}

// active reports whether a rule's findings in file are kept: it was evaluated, and the
// configuration does not turn it off for that path.
func (f *filter) active(file, id string) bool {
	if _, ok := f.enabled[id]; !ok {
		return false
	}
	return f.plan == nil || f.plan.Active(file, id)
}

// apply filters the findings of one input's documents: per-path rules and severities,
// then suppressions.
func (f *filter) apply(evaluated []suppress.Evaluated) (kept, suppressed []model.Finding, warnings []model.FileError) {
	if f.plan != nil {
		for i := range evaluated {
			kept := evaluated[i].Findings[:0]
			for _, fd := range evaluated[i].Findings {
				if f.plan.Apply(&fd) {
					kept = append(kept, fd)
				}
			}
			evaluated[i].Findings = kept
		}
	}
	out := suppress.Apply(evaluated, suppress.Options{Rules: f.reg, Active: f.active, NoInline: f.noInline})
	if f.plan != nil {
		// The meta rules' findings, made here, take their configured severity too.
		for i := range out.Kept {
			if slices.Contains(suppress.MetaRules, out.Kept[i].RuleID) {
				f.plan.Apply(&out.Kept[i])
			}
		}
	}
	return out.Kept, out.Suppressed, out.Warnings
}

// countFiles counts the files a run read: a Compose project or a directory of manifests
// is one input of several files, and a chart directory is every file in it (an archive
// counts as one), so that "findings in 2 of N files" holds for a chart too.
func countFiles(files []discover.File) int {
	n := 0
	for _, f := range files {
		n += 1 + len(f.Related)
		if f.Kind == model.KindHelm {
			n += chartFiles(f.Path) - 1
		}
	}
	return n
}

// chartFiles counts the regular files of a chart directory (at least 1: an archive, or
// a directory that cannot be read, is one input). The walk stops at a bound no chart
// reaches; the Helm loader reports a chart that large.
func chartFiles(dir string) int {
	const bound = 100_000
	n := 0
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || n >= bound {
			return filepath.SkipAll
		}
		if d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return max(n, 1)
}
