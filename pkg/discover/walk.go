package discover

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/infralint/infralint/pkg/model"
)

// walker finds the files to lint under one root, in lexical order, as
// filepath.WalkDir would visit them. It reads each directory once and looks for
// Chart.yaml and .gitignore among its entries, rather than asking the filesystem
// about each in every directory of a tree that mostly has neither.
type walker struct {
	sniff *sniffer
	files []File
	errs  []model.FileError
	// patterns are those of every .gitignore read so far; each applies only below its
	// own directory.
	patterns []gitignore.Pattern
}

// walkDir finds the files to lint under root, a cleaned path.
func walkDir(root string, s *sniffer) ([]File, []model.FileError) {
	w := &walker{sniff: s}
	// Lstat, not Stat: a root that is a link is not followed (WalkDir's rule).
	info, err := os.Lstat(root)
	switch {
	case err != nil:
		w.errs = append(w.errs, model.FileError{File: root, Message: cleanErr(err)})
	case info.IsDir():
		w.dir(root, nil)
	default:
		w.file(root, fs.FileInfoToDirEntry(info), nil)
	}
	return w.files, w.errs
}

// dir walks the directory at path; parts is its path below the root (nil for the
// root).
func (w *walker) dir(path string, parts []string) {
	entries, err := os.ReadDir(path)
	if err != nil {
		// A directory that cannot be listed may still be a chart (Helm is told why it
		// cannot render it); otherwise the error is the walk's.
		if IsChartDir(path) {
			w.files = append(w.files, File{Path: path, Kind: model.KindHelm})
			return
		}
		w.errs = append(w.errs, model.FileError{File: path, Message: cleanErr(err)})
		return
	}
	if isChart(path, entries) {
		// A chart is linted as a whole, rendered; its templates are not YAML.
		w.files = append(w.files, File{Path: path, Kind: model.KindHelm})
		return
	}
	if hasEntry(entries, ".gitignore") {
		w.patterns = append(w.patterns, readIgnore(path, parts)...)
	}
	for _, e := range entries {
		w.entry(filepath.Join(path, e.Name()), e, parts)
	}
}

// entry visits one entry of a directory whose path below the root is parent.
func (w *walker) entry(path string, e fs.DirEntry, parent []string) {
	var parts []string
	if e.IsDir() || len(w.patterns) > 0 {
		parts = childParts(parent, e.Name())
	}
	if e.IsDir() {
		if skipDirs[e.Name()] || ignored(w.patterns, parts, true) {
			return
		}
		w.dir(path, parts)
		return
	}
	w.file(path, e, parts)
}

// childParts is the path of name below the root, in parent. It is a new array each
// time: a directory's parts stay in the patterns of its .gitignore.
func childParts(parent []string, name string) []string {
	parts := make([]string, len(parent)+1)
	copy(parts, parent)
	parts[len(parent)] = name
	return parts
}

// file visits a file whose path below the root is parts.
func (w *walker) file(path string, e fs.DirEntry, parts []string) {
	// Symlinks are not followed: a link out of the tree must not make infralint read
	// what it was not given.
	if e.Type()&fs.ModeSymlink != 0 || !e.Type().IsRegular() {
		return
	}
	if ignored(w.patterns, parts, false) {
		return
	}
	switch kind := Classify(e.Name()); {
	case kind == model.KindKubernetes || kind == "":
		// Manifests and packaged charts are told by their content.
		if kind := w.sniff.kind(path); kind != "" {
			w.files = append(w.files, File{Path: path, Kind: kind})
		}
	default:
		w.files = append(w.files, File{Path: path, Kind: kind})
	}
}

// isChart is IsChartDir for a directory whose entries are at hand. A name that is
// Chart.yaml but for case is left to IsChartDir: on a filesystem that ignores case it
// is the chart's Chart.yaml.
func isChart(dir string, entries []fs.DirEntry) bool {
	for _, e := range entries {
		switch {
		case e.Name() == "Chart.yaml":
			return e.Type().IsRegular()
		case strings.EqualFold(e.Name(), "Chart.yaml"):
			return IsChartDir(dir)
		}
	}
	return false
}

// hasEntry reports whether the file name may be among entries: a name that is the same
// but for case may be it on a filesystem that ignores case.
func hasEntry(entries []fs.DirEntry, name string) bool {
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) {
			return true
		}
	}
	return false
}

// readIgnore reads dir/.gitignore; its patterns apply below dir (domain).
func readIgnore(dir string, domain []string) []gitignore.Pattern {
	data, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return nil
	}
	var ps []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

func ignored(ps []gitignore.Pattern, parts []string, isDir bool) bool {
	if len(ps) == 0 {
		return false
	}
	return gitignore.NewMatcher(ps).Match(parts, isDir)
}
