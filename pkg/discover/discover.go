// Package discover walks the paths a user gives and says which files to lint and as
// what kind. It honours .gitignore files and skips VCS and vendored directories.
package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/infralint/infralint/pkg/model"
)

// File is a file to lint.
type File struct {
	Path string // as given or found, cleaned; relative when the input was relative
	Kind model.Kind
	// Related are other files read together with Path as one input: the override files
	// of a Compose file, in the order Compose merges them. A Helm chart's Path is its
	// directory.
	Related []string
}

// skipDirs are never walked into: version control, vendored code, dependency caches.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "vendor": true, "node_modules": true,
	".terraform": true, "__pycache__": true, ".venv": true,
}

// Classify returns the kind of a file from its name, or "" when infralint does not lint
// files of that name.
func Classify(name string) model.Kind {
	base := filepath.Base(name)
	lower := strings.ToLower(base)
	switch {
	case lower == "dockerfile", lower == "containerfile",
		strings.HasPrefix(lower, "dockerfile."), strings.HasPrefix(lower, "dockerfile-"), strings.HasPrefix(lower, "dockerfile_"),
		strings.HasPrefix(lower, "containerfile."), strings.HasPrefix(lower, "containerfile-"),
		strings.HasSuffix(lower, ".dockerfile"), strings.HasSuffix(lower, ".containerfile"):
		if isNotADockerfile(lower) {
			return ""
		}
		return model.KindDockerfile
	}
	return ""
}

// isNotADockerfile rejects names that start like a Dockerfile but are something else:
// Dockerfile.md, Dockerfile.j2 templates, editor backups.
func isNotADockerfile(lower string) bool {
	for _, ext := range []string{".md", ".txt", ".j2", ".jinja", ".tmpl", ".tpl", ".template", ".orig", ".bak", ".swp", ".rej", ".dockerignore", "~"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// Walk finds the files to lint under paths. A path that names a file is linted even if
// its name is not one infralint recognises (it is read as a Dockerfile), since the user
// asked for it; a path that does not exist is an error for that path only.
func Walk(paths []string) ([]File, []model.FileError) {
	var files []File
	var errs []model.FileError
	seen := map[string]bool{}
	add := func(f File) {
		if !seen[f.Path] {
			seen[f.Path] = true
			files = append(files, f)
		}
	}
	for _, root := range paths {
		root = filepath.Clean(root)
		info, err := os.Stat(root)
		if err != nil {
			errs = append(errs, model.FileError{File: root, Message: cleanErr(err)})
			continue
		}
		if !info.IsDir() {
			kind := Classify(root)
			if kind == "" {
				kind = model.KindDockerfile
			}
			add(File{Path: root, Kind: kind})
			continue
		}
		found, walkErrs := walkDir(root)
		errs = append(errs, walkErrs...)
		for _, f := range found {
			add(f)
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, errs
}

func walkDir(root string) ([]File, []model.FileError) {
	var files []File
	var errs []model.FileError
	var patterns []gitignore.Pattern
	patterns = append(patterns, readIgnore(root, nil)...)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, model.FileError{File: p, Message: cleanErr(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		parts := splitPath(rel)
		if d.IsDir() {
			if p != root && (skipDirs[d.Name()] || ignored(patterns, parts, true)) {
				return fs.SkipDir
			}
			if p != root {
				patterns = append(patterns, readIgnore(p, parts)...)
			}
			return nil
		}
		// Symlinks are not followed: a link out of the tree must not make infralint read
		// what it was not given.
		if d.Type()&fs.ModeSymlink != 0 || !d.Type().IsRegular() {
			return nil
		}
		if ignored(patterns, parts, false) {
			return nil
		}
		if kind := Classify(d.Name()); kind != "" {
			files = append(files, File{Path: p, Kind: kind})
		}
		return nil
	})
	if err != nil {
		errs = append(errs, model.FileError{File: root, Message: cleanErr(err)})
	}
	return files, errs
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

func splitPath(rel string) []string {
	if rel == "." || rel == "" {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

func cleanErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
