package lint

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/infralint/infralint/internal/bytesize"
	"github.com/infralint/infralint/internal/readfile"
	"os"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
)

// DefaultMaxFileSize bounds what one file may cost: no real infrastructure file is near it.
const DefaultMaxFileSize = 4 << 20

// DefaultMaxLineLength bounds one line of a YAML file (a Compose file, a manifest): a
// minified JSON manifest may be one long line, and its cost stays linear, but a line
// of more than a MiB is no file a person maintains. (A Dockerfile line is bounded by
// BuildKit at 64 KiB.)
const DefaultMaxLineLength = 1 << 20

// Parse turns one file's bytes into the documents the engine evaluates: one for a
// Dockerfile, one per object for a Kubernetes manifest. Each parser package has one
// case here; a kind that reads a whole directory (a Helm chart) is handled in Load.
func Parse(kind model.Kind, path string, src []byte) ([]*model.Document, []model.FileError) {
	switch kind {
	case model.KindDockerfile:
		doc, errs := dockerfile.Parse(path, src)
		if doc == nil {
			return nil, errs
		}
		return []*model.Document{doc}, errs
	case model.KindKubernetes:
		return kubernetes.Parse(path, src)
	case model.KindCompose:
		doc, errs := compose.Parse(path, src, compose.Options{})
		if doc == nil {
			return nil, errs
		}
		return []*model.Document{doc}, errs
	case model.KindHelm:
		return nil, []model.FileError{{File: path, Message: "a Helm chart is read from its directory or archive, not from one file's text"}}
	default:
		return nil, []model.FileError{{File: path, Message: fmt.Sprintf("no parser for %s files yet", kind)}}
	}
}

// Load reads what a discovered file names and parses it.
func Load(f discover.File, opts Options) ([]*model.Document, []model.FileError) {
	switch f.Kind {
	case model.KindHelm:
		return helm.Load(f.Path, helmOptions(f.Path, opts))
	case model.KindKubernetes:
		return loadManifests(f, opts)
	}
	src, err := readFile(f.Path, opts.MaxFileSize)
	if err != nil {
		return nil, []model.FileError{{File: f.Path, Message: err.Error()}}
	}
	if f.Kind == model.KindCompose {
		if fe := longLine(f.Path, src, opts.MaxLineLength); fe != nil {
			return nil, []model.FileError{*fe}
		}
		doc, errs := compose.Parse(f.Path, src, composeOptions(f, opts))
		if doc == nil {
			return nil, errs
		}
		more, berrs := linkBuilds(doc, opts) // cross.go: its Dockerfiles
		return append([]*model.Document{doc}, more...), append(errs, berrs...)
	}
	if f.Kind == model.KindDockerfile {
		// A file read from disk has a build context beside it: its .dockerignore.
		doc, errs := dockerfile.ParseWith(f.Path, src, dockerfile.Options{Context: opts.buildContext(f.Path)})
		if doc == nil {
			return nil, errs
		}
		return []*model.Document{doc}, errs
	}
	return Parse(f.Kind, f.Path, src)
}

func readFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	data, err := readfile.Read(path, limit)
	if errors.Is(err, readfile.ErrTooLarge) {
		return nil, fmt.Errorf("file is larger than the %s limit: not read", bytesize.Format(limit))
	}
	return data, err
}

// longLine reports the first line of src longer than limit (0: DefaultMaxLineLength),
// at that line.
func longLine(path string, src []byte, limit int) *model.FileError {
	if limit <= 0 {
		limit = DefaultMaxLineLength
	}
	line := 1
	for len(src) > limit {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			i = len(src)
		}
		if i > limit {
			end := utf8.RuneCount(src[:min(40, i)]) + 1 // the start of the line
			r := model.Range{Start: model.Position{Line: line, Column: 1}, End: model.Position{Line: line, Column: end}}
			return &model.FileError{File: path, Range: &r, Message: fmt.Sprintf(
				"line %d is longer than the %s limit for one line: not read", line, bytesize.Format(int64(limit)))}
		}
		src = src[min(i+1, len(src)):]
		line++
	}
	return nil
}

// loadManifests reads the Kubernetes manifests of one set: a file, or the manifests of
// one directory (Path and Related), whose objects cross-object rules see together.
func loadManifests(f discover.File, opts Options) ([]*model.Document, []model.FileError) {
	var files []kubernetes.File
	var errs []model.FileError
	for _, p := range append([]string{f.Path}, f.Related...) {
		src, err := readFile(p, opts.MaxFileSize)
		if err != nil {
			errs = append(errs, model.FileError{File: p, Message: err.Error()})
			continue
		}
		if fe := longLine(p, src, opts.MaxLineLength); fe != nil {
			errs = append(errs, *fe)
			continue
		}
		files = append(files, kubernetes.File{Path: p, Src: src})
	}
	scope := "file"
	if len(f.Related) > 0 {
		scope = "directory"
	}
	docs, perrs := kubernetes.ParseSet(files, scope, kubernetes.Limits{})
	return docs, append(errs, perrs...)
}

// helmOptions are the configuration's Helm settings as the Helm parser takes them, for
// the chart at chart.
func helmOptions(chart string, opts Options) helm.Options {
	h := opts.Helm
	o := helm.Options{
		Set:         h.Set,
		ReleaseName: h.ReleaseName,
		Namespace:   h.Namespace,
		KubeVersion: h.KubeVersion,
		APIVersions: h.APIVersions,
		MaxFileSize: opts.MaxFileSize,
		Sandbox:     opts.HelmSandbox,
		Timeout:     opts.HelmTimeout,
		MaxOutput:   opts.HelmMaxOutput,
	}
	names := make([]string, 0, len(h.ValuesSets))
	for name := range h.ValuesSets {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		o.ValuesSets = append(o.ValuesSets, helm.ValuesSet{Name: name, Files: chartRelative(chart, h.ValuesSets[name])})
	}
	return o
}

// chartRelative rewrites the absolute paths among a chart directory's values files
// (--values names files from the working directory) relative to the chart, which is
// how the Helm parser reads a relative path, so that findings name them the way the
// chart itself is named (relative when it was given relative) rather than from /.
// A packaged chart keeps absolute paths: relative ones would be looked up inside it.
func chartRelative(chart string, files []string) []string {
	absChart, err := filepath.Abs(chart)
	if err != nil {
		return files
	}
	if info, err := os.Stat(absChart); err != nil || !info.IsDir() {
		return files
	}
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f
		if !filepath.IsAbs(f) {
			continue
		}
		if rel, err := filepath.Rel(absChart, f); err == nil {
			out[i] = rel
		}
	}
	return out
}

// composeOptions are the Compose parser's settings for a discovered project: its
// override files, and the configuration's compose settings. When the configuration
// lists the project's files, the first one is the main file and the others its
// overrides.
func composeOptions(f discover.File, opts Options) compose.Options {
	o := compose.Options{
		Overrides:   append([]string{}, f.Related...), // discovery decided: never nil
		Profiles:    opts.Compose.Profiles,
		ProjectName: opts.Compose.ProjectName,
	}
	if files := opts.Compose.Files; len(files) > 0 && samePath(files[0], f.Path) {
		o.Overrides = append([]string{}, files[1:]...)
	}
	for _, e := range opts.Compose.EnvFiles {
		if abs, err := filepath.Abs(e); err == nil {
			o.EnvFiles = append(o.EnvFiles, abs)
		}
	}
	return o
}

func samePath(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// buildContext reads the build context of the Dockerfile at path, through the run's
// reader when there is one.
func (o Options) buildContext(path string) *dockerfile.BuildContext {
	if o.contexts != nil {
		return o.contexts.Read(path)
	}
	return dockerfile.ReadContext(path)
}
