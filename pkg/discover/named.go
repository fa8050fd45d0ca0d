package discover

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// WalkOptions change how Walk treats the paths it is given.
type WalkOptions struct {
	// Changed says the files named in paths are files that changed, as pre-commit and
	// editors name them, rather than files the user picked: each is linted the way a
	// directory walk lints it. A Kubernetes manifest is linted with the other manifests
	// of its directory (one set, for cross-object rules), and a file that a walk would
	// skip is skipped: a YAML or JSON file that is neither a manifest nor a Compose
	// file, a file whose name is not a Dockerfile's. Without it, a named manifest is
	// linted on its own and any other named file is linted anyway (as a manifest, or as
	// a Dockerfile), since the user asked for it. A file inside a Helm chart always
	// stands for its chart.
	Changed bool
}

// ChartOf returns the Helm chart that path (a file or a directory) belongs to: the
// outermost directory at or above it that holds a Chart.yaml, so that a file of a
// subchart under charts/ stands for the chart that renders it. The search stops at the
// root of the repository (a directory holding .git) or of the filesystem. The result
// is relative when path is; "" means path is in no chart.
func ChartOf(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	dir := abs
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		dir = filepath.Dir(abs)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "" // an editor's buffer not saved anywhere yet is in no chart
	}
	chart := ""
	for {
		if IsChartDir(dir) {
			chart = dir
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if chart == "" || filepath.IsAbs(path) {
		return chart
	}
	cwd, err := os.Getwd()
	if err != nil {
		return chart
	}
	if rel, err := filepath.Rel(cwd, chart); err == nil {
		return rel
	}
	return chart
}

// ClassifyContent tells the kind of a file from its name and the start of its text,
// as for a file named on the command line: a Dockerfile or Compose file by its name, a
// YAML or JSON file by its content (a Kubernetes manifest has a top-level apiVersion
// and kind; a Compose file of another name has a top-level services or include). It
// returns "" for anything else; it never guesses a Dockerfile from content. Editors and
// --stdin use it for text that is not on disk.
func ClassifyContent(name string, head []byte) model.Kind {
	kind := Classify(name)
	switch {
	case kind == model.KindDockerfile, kind == model.KindCompose:
		return kind
	case looksLikeCompose(name):
		return model.KindCompose
	case kind == model.KindKubernetes:
		if len(head) > sniffSize {
			head = head[:sniffSize]
		}
		if looksLikeManifest(head, strings.HasSuffix(strings.ToLower(name), ".json")) {
			return model.KindKubernetes
		}
		if composeKey.Match(head) && !manifestKey.Match(head) {
			return model.KindCompose
		}
	}
	return ""
}

// namedFile is what a file named on the command line is linted as. ok is false when
// opts.Changed is set and a walk would not have linted it.
func namedFile(path string, opts WalkOptions, s *sniffer) (File, bool) {
	kind := Classify(path)
	if kind != model.KindDockerfile && kind != model.KindCompose {
		// A file of a chart (a template, values.yaml, Chart.yaml, a subchart's file or
		// archive) is linted as the chart it belongs to: it means nothing on its own.
		if chart := ChartOf(path); chart != "" {
			return File{Path: chart, Kind: model.KindHelm}, true
		}
	}
	if f, ok := classifyNamed(path); ok {
		return f, true
	}
	if opts.Changed {
		k := ClassifyContent(path, s.head(path))
		if k == "" && kind == "" {
			k = s.kind(path) // a packaged chart
		}
		return File{Path: path, Kind: k}, k != ""
	}
	if kind == "" && looksLikeCompose(path) {
		kind = model.KindCompose
	}
	if kind == model.KindKubernetes && composeContent(s.head(path)) {
		kind = model.KindCompose // a Compose file of another name, given with -f style
	}
	if kind == "" {
		kind = model.KindDockerfile
	}
	return File{Path: path, Kind: kind}, true
}

// ManifestSiblings returns the other Kubernetes manifests in path's directory, as a
// walk finds them (by name and content; a walk also honours .gitignore, which this
// does not read). A walk lints a directory's manifests as one set, so cross-object
// rules (a Service that selects no Deployment) see them together; a changed file or an
// editor's buffer is linted with its siblings to get the same findings.
func ManifestSiblings(path string) []string {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	self, _ := filepath.Abs(path)
	var s sniffer
	var out []string
	for _, e := range entries {
		if !e.Type().IsRegular() || Classify(e.Name()) != model.KindKubernetes {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if abs, _ := filepath.Abs(p); abs == self {
			continue
		}
		if s.kind(p) == model.KindKubernetes {
			out = append(out, p)
		}
	}
	return out
}
