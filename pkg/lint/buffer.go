package lint

import (
	"context"
	"fmt"
	"github.com/infralint/infralint/internal/bytesize"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// Buffer lints text as if it were the file at path: an editor's unsaved buffer, or
// --stdin with --stdin-filename. It gives what a directory walk would report for that
// file, with the run's options (configuration, suppressions, baseline):
//
//   - the kind comes from the name and the text (discover.ClassifyContent); text of no
//     kind infralint lints gives an empty result with opts.Changed, and is read as a
//     Dockerfile otherwise, as a file named on the command line is;
//   - a Dockerfile gets the build context beside path (its .dockerignore), a Compose
//     main file the override file beside it, a Kubernetes manifest the other manifests
//     of its directory (cross-object rules see them together), all read from disk;
//   - a file inside a Helm chart lints the chart as it is on disk: a chart is rendered
//     from its files, and the buffer is not one of them until it is saved;
//   - a path the configuration excludes gives an empty result.
//
// Result.Findings keep only the findings in path's file or that name it as a related
// location, and Result.Errors the errors in it (all of a chart's): the other files read
// for context are not what the caller asked about. Its Files is 1, or 0 when nothing
// was linted.
func Buffer(ctx context.Context, eng *rules.Engine, path string, src []byte, opts Options) *report.Result {
	flt := newFilter(eng, opts)
	empty := func() *report.Result {
		return &report.Result{Rules: flt.rules(), Sources: map[string]*model.Source{}, IncludeSuppressed: opts.IncludeSuppressed}
	}
	path = filepath.Clean(path)
	kind := discover.ClassifyContent(path, src)
	if kind != model.KindDockerfile && kind != model.KindCompose {
		if chart := discover.ChartOf(path); chart != "" {
			if opts.Plan != nil && opts.Plan.Excluded(chart, true) {
				return empty()
			}
			res := Files(ctx, eng, []discover.File{{Path: chart, Kind: model.KindHelm}}, opts)
			res.Findings = about(path, res.Findings)
			res.Suppressed = about(path, res.Suppressed)
			res.Files = 1
			return res
		}
	}
	if kind == "" {
		if opts.Changed {
			return empty()
		}
		kind = model.KindDockerfile
	}
	if opts.Plan != nil && opts.Plan.Excluded(path, false) {
		return empty()
	}
	r := lintBuffer(ctx, eng, flt, path, kind, src, opts)
	r.findings, r.suppressed = about(path, r.findings), about(path, r.suppressed)
	r.errs, r.warnings = errorsIn(path, r.errs), errorsIn(path, r.warnings)
	r.shrink(newInterner()) // as a run's results are: the report is made from excerpts either way
	res := empty()
	res.Files = 1
	collect(res, []fileResult{r}, opts)
	return res
}

// lintBuffer parses and evaluates a buffer; a panic is an error for its file, as in
// lintFile.
func lintBuffer(ctx context.Context, eng *rules.Engine, flt *filter, path string, kind model.Kind, src []byte, opts Options) (out fileResult) {
	defer func() {
		if p := recover(); p != nil {
			out = fileResult{errs: []model.FileError{{
				File:    path,
				Message: fmt.Sprintf("internal error (please report it): %v\n%s", p, debug.Stack()),
			}}}
		}
	}()
	docs, errs := parseBuffer(path, kind, src, opts)
	return evaluate(ctx, eng, flt, docs, errs)
}

// parseBuffer is Load for text that is not read from path: what a file on disk would
// get from beside it is read from beside path.
func parseBuffer(path string, kind model.Kind, src []byte, opts Options) ([]*model.Document, []model.FileError) {
	if limit := maxSize(opts); int64(len(src)) > limit {
		return nil, []model.FileError{{File: path, Message: fmt.Sprintf("file is larger than the %s limit", bytesize.Format(limit))}}
	}
	switch kind {
	case model.KindDockerfile:
		doc, errs := dockerfile.ParseWith(path, src, dockerfile.Options{Context: dockerfile.ReadContext(path)})
		if doc == nil {
			return nil, errs
		}
		return []*model.Document{doc}, errs
	case model.KindCompose:
		f := discover.File{Path: path, Kind: model.KindCompose}
		if slices.Contains(discover.ComposeFileNames, filepath.Base(path)) {
			for _, name := range discover.ComposeOverrideFileNames {
				if o := filepath.Join(filepath.Dir(path), name); isRegular(o) {
					f.Related = []string{o}
					break
				}
			}
		}
		doc, errs := compose.Parse(path, src, composeOptions(f, opts))
		if doc == nil {
			return nil, errs
		}
		return []*model.Document{doc}, errs
	case model.KindKubernetes:
		files := []kubernetes.File{{Path: path, Src: src}}
		var errs []model.FileError
		for _, p := range discover.ManifestSiblings(path) {
			data, err := readFile(p, opts.MaxFileSize)
			if err != nil {
				errs = append(errs, model.FileError{File: p, Message: err.Error()})
				continue
			}
			files = append(files, kubernetes.File{Path: p, Src: data})
		}
		scope := "file"
		if len(files) > 1 {
			scope = "directory"
		}
		docs, perrs := kubernetes.ParseSet(files, scope, kubernetes.Limits{})
		return docs, append(errs, perrs...)
	}
	return Parse(kind, path, src)
}

// about keeps the findings in file, or that name it as a related location (a values
// file behind a template's finding).
func about(file string, findings []model.Finding) []model.Finding {
	same := func(p string) bool { return samePath(p, file) }
	var out []model.Finding
	for _, f := range findings {
		if same(f.File) || slices.ContainsFunc(f.Related, func(l model.Location) bool { return same(l.File) }) {
			out = append(out, f)
		}
	}
	return out
}

// errorsIn keeps the errors in file: a sibling manifest that does not parse is that
// file's problem, reported when it is linted.
func errorsIn(file string, errs []model.FileError) []model.FileError {
	var out []model.FileError
	for _, e := range errs {
		if samePath(e.File, file) {
			out = append(out, e)
		}
	}
	return out
}

func isRegular(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode().IsRegular()
}

func maxSize(opts Options) int64 {
	if opts.MaxFileSize > 0 {
		return opts.MaxFileSize
	}
	return DefaultMaxFileSize
}
