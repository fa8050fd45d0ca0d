package dockerfile

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Options are what a caller that has a file system can tell the parser beyond the
// Dockerfile's own bytes.
type Options struct {
	// Context describes the build context; nil when unknown (stdin, an editor buffer).
	Context *BuildContext
}

// maxIgnoreFile bounds the .dockerignore read: real ones are a few hundred bytes.
const maxIgnoreFile = 1 << 20

// maxParents bounds the search for a .dockerignore in parent directories.
const maxParents = 12

// ReadContext looks at the directory of the Dockerfile at path for the files a build
// context holds that rules care about: the .dockerignore that applies (BuildKit reads
// <Dockerfile name>.dockerignore first, then .dockerignore), and whether a parent
// directory, up to the repository root, has one instead. A testdata directory is a
// boundary too: its files are self-contained test inputs.
func ReadContext(dockerfilePath string) *BuildContext {
	return NewContextReader().Read(dockerfilePath)
}

// ContextReader is ReadContext for the Dockerfiles of one run: what it learns of a
// directory (whether it holds .git, and a .dockerignore) is asked of the file system
// once, since a run's Dockerfiles share their parents up to the root. It is safe for
// concurrent use; a run's files should not change while it lints them, and a reader
// must not outlive the run.
type ContextReader struct {
	wd    string
	wdErr error
	dirs  sync.Map // absolute directory → dirProbe
}

// dirProbe is what a directory holds of what the search for a build context asks.
type dirProbe struct {
	git, dockerIgnore bool
}

// NewContextReader returns a reader for one run; the working directory is read now.
func NewContextReader() *ContextReader {
	wd, err := os.Getwd()
	return &ContextReader{wd: wd, wdErr: err}
}

// Read is ReadContext.
func (r *ContextReader) Read(dockerfilePath string) *BuildContext {
	ctx := &BuildContext{Known: true}
	dir := filepath.Dir(dockerfilePath)
	for _, name := range []string{filepath.Base(dockerfilePath) + ".dockerignore", ".dockerignore"} {
		data, ok := readSmall(filepath.Join(dir, name))
		if ok {
			ctx.DockerIgnore = name
			ctx.Patterns = readIgnorePatterns(data)
			return ctx
		}
	}
	abs, ok := r.abs(dir)
	if !ok {
		return ctx
	}
	for range maxParents {
		if r.probe(abs).git {
			break // the repository root: a context is not above it
		}
		if filepath.Base(abs) == "testdata" {
			break // test inputs are self-contained (a rule's fixtures), never built from above
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			break
		}
		abs = parent
		if r.probe(abs).dockerIgnore {
			ctx.DockerIgnoreAbove = true
			break
		}
	}
	return ctx
}

// abs is filepath.Abs with the working directory read once.
func (r *ContextReader) abs(p string) (string, bool) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), true
	}
	if r.wdErr != nil {
		return "", false
	}
	return filepath.Join(r.wd, p), true
}

func (r *ContextReader) probe(dir string) dirProbe {
	if v, ok := r.dirs.Load(dir); ok {
		return v.(dirProbe)
	}
	p := dirProbe{git: isDir(filepath.Join(dir, ".git")), dockerIgnore: isFile(filepath.Join(dir, ".dockerignore"))}
	r.dirs.Store(dir, p)
	return p
}

func readSmall(p string) ([]byte, bool) {
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxIgnoreFile {
		return nil, false
	}
	data, err := os.ReadFile(p)
	return data, err == nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// readIgnorePatterns reads a .dockerignore as BuildKit does: one pattern a line,
// comments and blank lines skipped, surrounding space trimmed, paths cleaned, a leading
// "/" dropped; "!" marks an exception.
func readIgnorePatterns(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		invert := strings.HasPrefix(line, "!")
		if invert {
			line = strings.TrimSpace(line[1:])
		}
		if line != "" {
			line = path.Clean(filepath.ToSlash(line))
			line = strings.TrimPrefix(line, "/")
			if line == "" {
				line = "."
			}
		}
		if invert {
			line = "!" + line
		}
		out = append(out, line)
	}
	return out
}

// ignoreMatcher applies .dockerignore patterns in order: the last pattern that matches a
// path (or one of its parent directories) decides, and "!" patterns re-include.
type ignoreMatcher struct {
	patterns []ignorePattern
}

type ignorePattern struct {
	re      *regexp.Regexp
	exclude bool // a "!" pattern
}

func newIgnoreMatcher(patterns []string) *ignoreMatcher {
	m := &ignoreMatcher{}
	for _, p := range patterns {
		exclude := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		if p == "" {
			continue
		}
		re, err := regexp.Compile(ignoreRegexp(p))
		if err != nil {
			continue // BuildKit rejects the file; nothing to match then
		}
		m.patterns = append(m.patterns, ignorePattern{re: re, exclude: exclude})
	}
	return m
}

// ignoreRegexp turns a pattern into a regular expression the way moby's patternmatcher
// does: * is any run of characters but "/", ? one of them, ** any number of
// directories, [..] a class, and a backslash quotes the next character.
func ignoreRegexp(p string) string {
	var sb strings.Builder
	sb.WriteString("^")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '*' && i+1 < len(p) && p[i+1] == '*':
			i++
			if i+1 < len(p) && p[i+1] == '/' {
				i++
			}
			if i+1 >= len(p) {
				sb.WriteString(".*")
			} else {
				sb.WriteString("(.*/)?")
			}
		case c == '*':
			sb.WriteString("[^/]*")
		case c == '?':
			sb.WriteString("[^/]")
		case c == '\\' && i+1 < len(p):
			i++
			sb.WriteString(regexp.QuoteMeta(string(p[i])))
		case c == '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				sb.WriteString(`\[`)
				continue
			}
			sb.WriteString(p[i : i+j+1]) // a class is passed through, as patternmatcher does
			i += j
		default:
			sb.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	sb.WriteString("$")
	return sb.String()
}

// ignored reports whether the context path p (cleaned, relative) is excluded.
func (m *ignoreMatcher) ignored(p string) bool {
	parents := []string{}
	for dir := path.Dir(p); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		parents = append(parents, dir)
	}
	matched := false
	for _, pat := range m.patterns {
		if pat.exclude != matched {
			continue // only an exception can undo a match, only a pattern can make one
		}
		hit := pat.re.MatchString(p)
		for _, dir := range parents {
			if hit {
				break
			}
			hit = pat.re.MatchString(dir)
		}
		if hit {
			matched = !pat.exclude
		}
	}
	return matched
}

// contextPath turns a COPY or ADD source into the context path BuildKit checks, or ""
// when it is not a plain path of the context (a URL, a Git source, a variable).
func contextPath(src string) string {
	if src == "" || strings.Contains(src, "$") || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
		return ""
	}
	p := strings.TrimPrefix(path.Clean(filepath.ToSlash(src)), "/")
	if p == "" || p == "." {
		return ""
	}
	return p
}
