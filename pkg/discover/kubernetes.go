package discover

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// sniffSize is how much of a YAML or JSON file is read to tell a Kubernetes manifest.
const sniffSize = 64 << 10

var (
	jsonAPIVersion = regexp.MustCompile(`"apiVersion"\s*:`)
	jsonKind       = regexp.MustCompile(`"kind"\s*:`)
)

// isManifestName is a name a Kubernetes manifest may have.
func isManifestName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".json")
}

// IsChartDir reports whether dir is a Helm chart: it holds a Chart.yaml.
func IsChartDir(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, "Chart.yaml"))
	return err == nil && info.Mode().IsRegular()
}

// sniffer tells the kind of a file that its name alone does not: a YAML or JSON file
// whose top level has apiVersion and kind is a Kubernetes manifest (a Go- or
// Jinja-templated one is not: it is not YAML until rendered); a .tgz whose first
// entries include <dir>/Chart.yaml is a packaged Helm chart. Only the start of the
// file is read, into a buffer the sniffer keeps for the next file: a walk sniffs
// thousands.
type sniffer struct {
	buf []byte
}

// kind is the kind of the file at path by its content, or "".
func (s *sniffer) kind(path string) model.Kind {
	lower := strings.ToLower(path)
	switch {
	case strings.HasSuffix(lower, ".tgz"):
		if isChartArchive(path) {
			return model.KindHelm
		}
	case isManifestName(lower):
		if looksLikeManifest(s.head(path), strings.HasSuffix(lower, ".json")) {
			return model.KindKubernetes
		}
	}
	return ""
}

// head returns the first sniffSize bytes of the file at path, or nil when it cannot
// be opened. They are good until the sniffer reads the next file.
func (s *sniffer) head(path string) []byte {
	if s.buf == nil {
		s.buf = make([]byte, sniffSize)
	}
	return readHeadInto(path, s.buf)
}

func looksLikeManifest(head []byte, json bool) bool {
	if bytes.Contains(head, []byte("{{")) || bytes.Contains(head, []byte("{%")) {
		return false
	}
	if json {
		return jsonAPIVersion.Match(head) && jsonKind.Match(head)
	}
	return hasKeyWithValue(head, "apiVersion:") && hasKeyWithValue(head, "kind:")
}

// hasKeyWithValue reports whether a line of text starts with key and goes on, after
// spaces and tabs, with something else: a top-level YAML key with a value on its
// line. It is what the regular expression (?m)^key[ \t]*\S matches, found with a
// substring search: a regular expression anchored at line starts has no literal
// prefix to search for, and is run over all 64 KiB of every YAML file that is not a
// manifest.
func hasKeyWithValue(text []byte, key string) bool {
	for from := 0; ; {
		i := bytes.Index(text[from:], []byte(key))
		if i < 0 {
			return false
		}
		at := from + i
		if at == 0 || text[at-1] == '\n' {
			value := bytes.TrimLeft(text[at+len(key):], " \t")
			if len(value) > 0 && !isRegexpSpace(value[0]) {
				return true
			}
		}
		from = at + 1
	}
}

// isRegexpSpace is \s of Go's regular expressions: [\t\n\f\r ].
func isRegexpSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// isChartArchive looks for <dir>/Chart.yaml among the first entries of a .tgz.
func isChartArchive(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close() //nolint:errcheck // read-only
	gz, err := gzip.NewReader(f)
	if err != nil {
		return false
	}
	tr := tar.NewReader(gz)
	for range 64 {
		hd, err := tr.Next()
		if err != nil {
			return false
		}
		if parts := strings.Split(strings.TrimPrefix(hd.Name, "./"), "/"); len(parts) == 2 && parts[1] == "Chart.yaml" {
			return true
		}
	}
	return false
}

// classifyNamed handles the Helm names of a file named on the command line: a chart's
// Chart.yaml stands for its chart (the directory), and a .tgz is a packaged chart.
// (Any other YAML or JSON file named is read as a Kubernetes manifest: Classify.)
func classifyNamed(path string) (File, bool) {
	base := filepath.Base(path)
	switch {
	case base == "Chart.yaml":
		return File{Path: filepath.Dir(path), Kind: model.KindHelm}, true
	case strings.HasSuffix(strings.ToLower(base), ".tgz"):
		return File{Path: path, Kind: model.KindHelm}, true
	}
	return File{}, false
}

// isHelmFile names a chart's own files (never manifests).
func isHelmFile(base string) bool {
	return base == "Chart.yaml" || base == "Chart.lock" || base == "values.schema.json"
}

// groupManifests makes the Kubernetes manifests a walk found in one directory one
// File (the first in Path, the others in Related): cross-object rules (a Service that
// selects no Deployment) see the objects of a directory together, not one file at a
// time. A manifest named on the command line stays on its own.
func groupManifests(files []File, named map[string]bool) []File {
	byDir := map[string]int{}
	out := files[:0:0]
	for _, f := range files {
		if f.Kind != model.KindKubernetes || named[f.Path] {
			out = append(out, f)
			continue
		}
		dir := filepath.Dir(f.Path)
		if i, ok := byDir[dir]; ok {
			out[i].Related = append(out[i].Related, f.Path)
			continue
		}
		byDir[dir] = len(out)
		out = append(out, f)
	}
	for i := range out {
		if out[i].Kind == model.KindKubernetes && len(out[i].Related) > 0 {
			all := append([]string{out[i].Path}, out[i].Related...)
			slices.Sort(all)
			out[i].Path, out[i].Related = all[0], all[1:]
		}
	}
	return out
}
