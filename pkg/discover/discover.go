// Package discover walks the paths a user gives and says which files to lint and as
// what kind. It honours .gitignore files and skips VCS and vendored directories.
package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

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
	case slices.Contains(ComposeFileNames, base), slices.Contains(ComposeOverrideFileNames, base):
		return model.KindCompose
	case isManifestName(lower) && !looksLikeCompose(lower) && !isHelmFile(base):
		// A candidate: a walk keeps it only when its content is a manifest (sniff).
		return model.KindKubernetes
	}
	return ""
}

// ComposeFileNames are the names `docker compose` finds a project by, in its order of
// preference; ComposeOverrideFileNames are the override files it merges over them (the
// first one found).
var (
	ComposeFileNames         = []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}
	ComposeOverrideFileNames = []string{"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"}
)

// looksLikeCompose accepts the other names Compose files go by (docker-compose.prod.yml,
// compose-dev.yaml) when a file is named on the command line; a directory walk only
// picks up the names docker compose itself looks for.
func looksLikeCompose(name string) bool {
	lower := strings.ToLower(filepath.Base(name))
	return (strings.HasPrefix(lower, "compose") || strings.HasPrefix(lower, "docker-compose")) &&
		(strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml"))
}

// composeContent tells a Compose file by the head of its content (sniffer.head): a
// top-level `services:` (or `include:`) and no top-level `apiVersion:`. It is asked
// only about YAML files named on the command line whose name says nothing.
func composeContent(head []byte) bool {
	return composeKey.Match(head) && !manifestKey.Match(head)
}

var (
	composeKey  = regexp.MustCompile(`(?m)^(services|include):[ \t]*(#.*)?\r?$`)
	manifestKey = regexp.MustCompile(`(?m)^apiVersion:`)
)

// groupCompose makes each Compose project one File: the main file, with the override
// file docker compose merges over it in Related. An override file found or named
// without its main file is replaced by the main file beside it on disk, so linting a
// changed override lints the project it belongs to. The main files of a walk take only
// the overrides the walk found (a .gitignore'd override is not read); a main file named
// on the command line takes the one on disk, as docker compose would.
func groupCompose(files []File, named map[string]bool) []File {
	type project struct{ bases, overrides []int }
	byDir := map[string]*project{}
	var dirs []string
	for i, f := range files {
		if f.Kind != model.KindCompose {
			continue
		}
		dir, base := filepath.Dir(f.Path), filepath.Base(f.Path)
		pr := byDir[dir]
		if pr == nil {
			pr = &project{}
			byDir[dir] = pr
			dirs = append(dirs, dir)
		}
		if slices.Contains(ComposeOverrideFileNames, base) {
			pr.overrides = append(pr.overrides, i)
		} else if slices.Contains(ComposeFileNames, base) {
			pr.bases = append(pr.bases, i)
		}
	}
	drop := map[int]bool{}
	var extra []File
	first := func(idx []int, order []string) int {
		best := -1
		for _, i := range idx {
			if best < 0 || slices.Index(order, filepath.Base(files[i].Path)) < slices.Index(order, filepath.Base(files[best].Path)) {
				best = i
			}
		}
		return best
	}
	onDisk := func(dir string, names []string) string {
		for _, n := range names {
			p := filepath.Join(dir, n)
			if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
				return p
			}
		}
		return ""
	}
	for _, dir := range dirs {
		pr := byDir[dir]
		override := ""
		if o := first(pr.overrides, ComposeOverrideFileNames); o >= 0 {
			override = files[o].Path
		}
		for _, i := range pr.overrides {
			drop[i] = true
		}
		if b := first(pr.bases, ComposeFileNames); b >= 0 {
			if override == "" && named[files[b].Path] {
				override = onDisk(dir, ComposeOverrideFileNames)
			}
			if override != "" {
				files[b].Related = []string{override}
			}
			continue
		}
		if override == "" {
			continue
		}
		if base := onDisk(dir, ComposeFileNames); base != "" {
			extra = append(extra, File{Path: base, Kind: model.KindCompose, Related: []string{override}})
		} else {
			extra = append(extra, File{Path: override, Kind: model.KindCompose})
		}
	}
	out := files[:0]
	for i, f := range files {
		if !drop[i] {
			out = append(out, f)
		}
	}
	for _, e := range extra {
		if !slices.ContainsFunc(out, func(f File) bool { return f.Path == e.Path }) {
			out = append(out, e)
		}
	}
	return out
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
	return WalkWith(paths, WalkOptions{})
}

// WalkWith is Walk with options (named.go).
func WalkWith(paths []string, opts WalkOptions) ([]File, []model.FileError) {
	var files []File
	var errs []model.FileError
	var s sniffer
	seen := map[string]bool{}
	named := map[string]bool{}
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
			if f, ok := namedFile(root, opts, &s); ok {
				add(f)
				if opts.Changed && f.Kind == model.KindKubernetes {
					// Linted with its directory's manifests, as a walk lints it.
					for _, s := range ManifestSiblings(f.Path) {
						add(File{Path: s, Kind: model.KindKubernetes})
					}
					continue
				}
				named[f.Path] = true
			}
			continue
		}
		if chart := ChartOf(root); chart != "" && chart != root {
			// A directory inside a chart (its templates) is linted as the chart.
			add(File{Path: chart, Kind: model.KindHelm})
			continue
		}
		found, walkErrs := walkDir(root)
		errs = append(errs, walkErrs...)
		for _, f := range found {
			add(f)
		}
	}
	files = groupCompose(files, named)
	files = groupManifests(files, named)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, errs
}

func cleanErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
