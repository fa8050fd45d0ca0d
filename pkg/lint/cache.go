package lint

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/infralint/infralint/pkg/cache"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/rules"
)

// The result cache (pkg/cache): an input's result after the filter stage, before the
// baseline, keyed by the cache's salt, the run's settings and the input's kind and
// paths, and valid while the files it was computed from are unchanged. The salt
// (Options.Cache) must identify the binary, the configuration (the Plan: per-path
// rules and severities, exclusions) and the user policies; the run's own settings
// (rules, options, parser settings, limits) are added here.
//
// What each kind depends on:
//
//   - a Dockerfile: its content, and what ReadContext looks at for its build context
//     (contextDeps);
//   - manifests: the content of the files of the set;
//   - a Compose project: every file under its directory (the parser reads nothing
//     outside it), the env files of the configuration, and per linked Dockerfile its
//     build context and whether the run lints it. A project that lints a Dockerfile
//     itself (one the run does not otherwise lint) is not cached: which project of a
//     run lints it depends on the other inputs;
//   - a chart: every file under its directory (or the archive), and its values files.
//     A chart with an error is cached only when every error is a template's own
//     (`required`, `fail`, a bad expression), at its line: a timeout, an output or
//     memory limit, or a failed render process may not happen next time.
//
// Results with evaluation errors, and those of a cancelled run, are not cached.

// cacheRun is a run's use of the result cache.
type cacheRun struct {
	c           *cache.Cache
	settings    string          // the hash of the run's settings, part of every key
	dockerfiles map[string]bool // absolute paths of the Dockerfiles the run lints as inputs
	aboves      sync.Map        // directory → its depAbove hash
	abs         func(string) (string, error)
}

// Dependency kinds of pkg/lint.
const (
	depAbove  = "dockerfile-above"  // Path: a directory; Hash: its and its parents' .git and .dockerignore
	depLinked = "linked-dockerfile" // Path: abs\x00path of a Compose build's Dockerfile; Hash: who lints it
)

func newCacheRun(eng *rules.Engine, files []discover.File, opts Options) *cacheRun {
	if opts.Cache == nil {
		return nil
	}
	settings := opts.settings
	if settings == "" {
		settings = runSettings(eng, opts)
	}
	if settings == "" {
		return nil
	}
	r := &cacheRun{c: opts.Cache, settings: settings, dockerfiles: map[string]bool{}, abs: absolute()}
	if len(files) >= manyInputs {
		r.c.UseIndex()
	}
	for _, f := range files {
		if f.Kind == model.KindDockerfile {
			if abs, err := r.abs(f.Path); err == nil {
				r.dockerfiles[abs] = true
			}
		}
	}
	return r
}

// manyInputs is the number of inputs from which a run hashes files through the cache's
// file index (cache.UseIndex).
const manyInputs = 32

// runSettings is the hash of the run's own settings (see above), part of every key;
// "" when they cannot be written down, and the run is then not cached.
func runSettings(eng *rules.Engine, opts Options) string {
	// The rules' metadata comes with the binary or the user's policies (in the salt):
	// which rules run, at which severity, is the run's.
	var rs []string
	for _, r := range eng.Rules() {
		rs = append(rs, fmt.Sprintf("%s %s %s %v %s", r.ID, r.Target, r.Severity, r.Enabled, r.Source))
	}
	slices.Sort(rs)
	settings, err := json.Marshal(struct {
		Rules         []string
		Helm          any
		Compose       any
		MaxFileSize   int64
		MaxLineLength int
		NoInline      bool
		HelmTimeout   int64
		HelmMaxOutput int
		CWD           string
	}{rs, opts.Helm, opts.Compose, opts.MaxFileSize, opts.MaxLineLength, opts.NoInlineIgnores,
		int64(opts.HelmTimeout), opts.HelmMaxOutput, cwd()})
	if err != nil {
		return "" // not cached
	}
	sum := sha256.Sum256(settings)
	return string(sum[:])
}

// preloadPack starts reading the cache's pack for a run over paths with these
// settings (pkg/cache, pack.go) while the paths are walked: the inputs a walk finds
// are those of the last run with the same arguments, unless files came or went.
func preloadPack(eng *rules.Engine, paths []string, opts *Options) {
	if opts.Cache == nil {
		return
	}
	opts.settings = runSettings(eng, *opts)
	if opts.settings == "" {
		return
	}
	opts.Cache.Preload(opts.Cache.Key(append([]string{"pack", opts.settings, cwd()}, paths...)...))
}

// key is the primary key of an input's result.
func (r *cacheRun) key(f discover.File) cache.Key {
	return r.c.Key(append([]string{r.settings, string(f.Kind), f.Path}, f.Related...)...)
}

func cwd() string {
	d, _ := filepath.Abs(".")
	return d
}

// absolute returns filepath.Abs with the working directory read once: filepath.Abs
// asks the system for it (a stat of "." and of $PWD) on every call, twice per
// Dockerfile of a run.
func absolute() func(string) (string, error) {
	wd, err := os.Getwd()
	return func(p string) (string, error) {
		if filepath.IsAbs(p) {
			return filepath.Clean(p), nil
		}
		if err != nil {
			return "", err
		}
		return filepath.Join(wd, p), nil
	}
}

// cachedLint is lintFile through the cache.
func cachedLint(ctx context.Context, eng *rules.Engine, flt *filter, f discover.File, opts Options) fileResult {
	r := opts.cache
	key := r.key(f)
	if e, ok := r.c.Get(key, func(d cache.Dep) (string, bool) { return r.current(d, opts) }); ok {
		return fromEntry(e)
	}
	if e, cacheable, ok := opts.ChartProcs.lint(ctx, f, opts); ok {
		if deps, ok := r.deps(f, nil, opts); ok && cacheable {
			e.Deps = deps
			r.c.Put(key, e)
		}
		return fromEntry(e)
	}
	out, docs, cacheable := loadAndEvaluate(ctx, eng, flt, f, opts)
	if !cacheable {
		return out
	}
	if deps, ok := r.deps(f, docs, opts); ok {
		r.c.Put(key, toEntry(out, deps))
	}
	return out
}

// deterministicErrors reports whether every error of a chart is one its templates give
// whenever they are rendered with the same files and settings: a template's own
// (`required`, `fail`, a bad expression), at its line. A timeout, an output or memory
// limit, or a failed render process may not happen next time.
func deterministicErrors(errs []model.FileError) bool {
	for _, e := range errs {
		m := e.Message
		if e.Range == nil || !strings.Contains(m, ": template does not render: ") ||
			strings.Contains(m, "did not finish") || strings.Contains(m, "too much output") ||
			strings.Contains(m, "memory") || strings.Contains(m, "render process") {
			return false
		}
	}
	return true
}

// current recomputes a dependency of a kind pkg/lint adds.
func (r *cacheRun) current(d cache.Dep, opts Options) (string, bool) {
	switch d.Kind {
	case depAbove:
		return r.above(d.Path), true
	case depLinked:
		abs, path, _ := strings.Cut(d.Path, "\x00")
		return r.linkedBy(abs, path, opts), true
	}
	return "", false
}

// contextDeps are what dockerfile.ReadContext reads for the Dockerfile at path: the
// two ignore files beside it (their content), and for its directory and every parent
// up to the root whether .git is a directory and .dockerignore a file (it stops at
// the repository root, a testdata directory or 12 levels; all of them are recorded,
// which is more than it looks at, never less). Recording these rather than calling
// ReadContext on lookup lets every Dockerfile of a run share the parents' probes.
func (r *cacheRun) contextDeps(path string) []cache.Dep {
	abs, err := r.abs(path)
	if err != nil {
		return []cache.Dep{{Kind: "unknown"}} // never valid: not cached
	}
	dir := filepath.Dir(abs)
	return []cache.Dep{
		{Kind: cache.KindFile, Path: filepath.Join(dir, filepath.Base(abs)+".dockerignore")},
		{Kind: cache.KindFile, Path: filepath.Join(dir, ".dockerignore")},
		{Kind: depAbove, Path: dir},
	}
}

// above is the depAbove hash of dir: .git and .dockerignore in it and its parents.
func (r *cacheRun) above(dir string) string {
	if v, ok := r.aboves.Load(dir); ok {
		return v.(string)
	}
	kind := func(p string) string {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			return "-"
		case st.IsDir():
			return "d"
		case st.Mode().IsRegular():
			return "f"
		}
		return "o"
	}
	h := kind(filepath.Join(dir, ".git")) + kind(filepath.Join(dir, ".dockerignore"))
	if parent := filepath.Dir(dir); parent != dir {
		h += r.above(parent)
	}
	r.aboves.Store(dir, h)
	return h
}

// linkedBy says who lints a Dockerfile a Compose build names: the run ("input"), no
// one ("excluded"), or the first project that links it ("project": not cacheable).
func (r *cacheRun) linkedBy(abs, path string, opts Options) string {
	switch {
	case r.dockerfiles[abs]:
		return "input"
	case opts.Plan != nil && opts.Plan.Excluded(path, false):
		return "excluded"
	}
	return "project"
}

// deps lists what an input's result was computed from; false when that is not certain.
// docs are the input's documents (those of a chart are not needed).
func (r *cacheRun) deps(f discover.File, docs []*model.Document, opts Options) ([]cache.Dep, bool) {
	var deps []cache.Dep
	file := func(p string) { deps = append(deps, cache.Dep{Kind: cache.KindFile, Path: p}) }
	switch f.Kind {
	case model.KindDockerfile:
		file(f.Path)
		deps = append(deps, r.contextDeps(f.Path)...)
	case model.KindKubernetes:
		file(f.Path)
		for _, p := range f.Related {
			file(p)
		}
	case model.KindCompose:
		deps = append(deps, cache.Dep{Kind: cache.KindTree, Path: filepath.Dir(f.Path)})
		file(f.Path)
		for _, p := range f.Related {
			file(p)
		}
		for _, p := range composeOptions(f, opts).EnvFiles {
			file(p)
		}
		for _, p := range opts.Compose.Files {
			file(p)
		}
		for _, d := range docs {
			if d.Kind == model.KindDockerfile {
				return nil, false // a Dockerfile this project lints for the run
			}
			if d.Kind != model.KindCompose {
				continue
			}
			in, ok := d.Input.(*compose.Input)
			if !ok {
				return nil, false // its builds cannot be known
			}
			for _, svc := range in.Services {
				if svc.Build == nil || svc.Build.Linked == nil || svc.Build.Linked.Inline {
					continue
				}
				ld := svc.Build.Linked
				if r.linkedBy(ld.Abs, ld.Path, opts) == "project" {
					return nil, false
				}
				file(ld.Abs)
				deps = append(deps, r.contextDeps(ld.Abs)...)
				deps = append(deps, cache.Dep{Kind: depLinked, Path: ld.Abs + "\x00" + ld.Path})
			}
		}
	case model.KindHelm:
		if discover.IsChartDir(f.Path) {
			deps = append(deps, cache.Dep{Kind: cache.KindTree, Path: f.Path})
		} else {
			file(f.Path)
		}
		for _, set := range helmOptions(f.Path, opts).ValuesSets {
			for _, v := range set.Files {
				file(v)
				if !filepath.IsAbs(v) {
					file(filepath.Join(f.Path, v))
				}
			}
		}
	default:
		return nil, false
	}
	for i := range deps {
		h, ok := r.hash(deps[i], opts)
		if !ok {
			return nil, false
		}
		deps[i].Hash = h
	}
	return deps, true
}

func (r *cacheRun) hash(d cache.Dep, opts Options) (string, bool) {
	switch d.Kind {
	case cache.KindFile:
		h, err := r.c.HashFile(d.Path)
		return h, err == nil
	case cache.KindTree:
		h, err := r.c.HashTree(d.Path)
		return h, err == nil
	}
	return r.current(d, opts)
}

// seenKey marks an entry's source that is one of fileResult.seen: no path starts with NUL.
const seenKey = "\x00seen\x00"

// toEntry keeps what collect and the reporters use of a result: the findings, errors
// and warnings, and excerpts of the files they are in (the lines shrink keeps), by
// path (those of fileResult.seen under seenKey+path). Which of them gives the report
// its source is decided by the findings, as for a result that was not cached (collect).
func toEntry(out fileResult, deps []cache.Dep) *cache.Entry {
	e := &cache.Entry{Deps: deps, Findings: out.findings, Suppressed: out.suppressed,
		Errors: out.errs, Warnings: out.warnings, Sources: map[string]*model.Source{}}
	for file, lines := range out.lines() {
		if src := out.sources[file]; src != nil {
			e.Sources[file] = src.Excerpt(shownLines(src, lines)...)
		}
		if src := out.seen[file]; src != nil {
			e.Sources[seenKey+file] = src.Excerpt(shownLines(src, lines)...)
		}
	}
	return e
}

func fromEntry(e *cache.Entry) fileResult {
	out := fileResult{findings: e.Findings, suppressed: e.Suppressed, errs: e.Errors, warnings: e.Warnings,
		sources: make(map[string]*model.Source, len(e.Sources)), cached: true}
	for p, src := range e.Sources {
		if file, ok := strings.CutPrefix(p, seenKey); ok {
			if out.seen == nil {
				out.seen = map[string]*model.Source{}
			}
			out.seen[file] = src
			continue
		}
		out.sources[p] = src
	}
	return out
}
