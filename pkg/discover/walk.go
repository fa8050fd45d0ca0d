package discover

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/infralint/infralint/pkg/model"
)

// walkers is how many goroutines list directories at once: a fixed number, so a walk
// of any tree starts no more. The work is system calls (openat, getdents64, close, and
// the heads of YAML files), which scale only so far: on two cores, 2 to 8 walkers list
// the shared corpus alike, in 0.7 of the time one takes.
const walkers = 4

// walker finds the files to lint under one root, in lexical order, as
// filepath.WalkDir would visit them. It reads each directory once and looks for
// Chart.yaml and .gitignore among its entries, rather than asking the filesystem
// about each in every directory of a tree that mostly has neither.
//
// Directories are listed by a fixed pool of goroutines: each takes a directory from
// a stack, lists it, sniffs its files, and pushes its subdirectories. No one waits on
// another's directory, so a deep tree cannot deadlock the pool. What each directory
// holds is kept in a tree of nodes, read in order once every directory is listed, so
// the result does not depend on which goroutine listed what, or when.
type walker struct {
	mu   sync.Mutex
	cond sync.Cond // signalled when todo grows or pending falls to zero
	todo []*node   // directories to list; the next is last
	// pending counts the directories in todo or being listed; the walk is over at zero.
	pending int
}

// node is one directory of a walk and what was found in it.
type node struct {
	path  string
	parts []string // its path below the root (nil for the root)
	// patterns are those of the .gitignore files of its ancestors, outermost first.
	// Only these can match below it: a pattern matches only inside its own directory
	// (gitignore.Pattern's domain), so the patterns of other branches need not be here.
	patterns []gitignore.Pattern

	err   *model.FileError // it could not be listed
	items []item           // its files and subdirectories, in entry order
}

// item is a file found in a directory (dir nil) or a subdirectory to walk.
type item struct {
	file File
	dir  *node
}

// walkDir finds the files to lint under root, a cleaned path.
func walkDir(root string) ([]File, []model.FileError) {
	var files []File
	var errs []model.FileError
	// Lstat, not Stat: a root that is a link is not followed (WalkDir's rule).
	info, err := os.Lstat(root)
	switch {
	case err != nil:
		errs = append(errs, model.FileError{File: root, Message: cleanErr(err)})
	case info.IsDir():
		top := &node{path: root}
		walkTree(top)
		top.collect(&files, &errs)
	default:
		if f, ok := lintable(root, fs.FileInfoToDirEntry(info), nil, nil, &sniffer{}); ok {
			files = append(files, f)
		}
	}
	return files, errs
}

// walkTree lists top and every directory below it that is walked, filling in their
// nodes.
func walkTree(top *node) {
	w := &walker{todo: []*node{top}, pending: 1}
	w.cond.L = &w.mu
	var wg sync.WaitGroup
	for range walkers {
		wg.Go(w.work)
	}
	wg.Wait()
}

// work lists directories until there are none left. Each worker has its own sniffer:
// the sniffer's buffer holds the head of one file at a time.
func (w *walker) work() {
	var s sniffer
	for {
		n := w.next()
		if n == nil {
			return
		}
		w.done(n.list(&s))
	}
}

// next takes a directory to list, waiting while others are being listed (they may
// have subdirectories); nil when the walk is over.
func (w *walker) next() *node {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.todo) == 0 {
		if w.pending == 0 {
			return nil
		}
		w.cond.Wait()
	}
	n := w.todo[len(w.todo)-1]
	w.todo = w.todo[:len(w.todo)-1]
	return n
}

// done records that a directory was listed and queues its subdirectories, the first
// to be listed next: the walk goes depth first, which keeps the stack short.
func (w *walker) done(subdirs []*node) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range slices.Backward(subdirs) {
		w.todo = append(w.todo, n)
	}
	w.pending += len(subdirs) - 1
	if len(subdirs) > 0 || w.pending == 0 {
		w.cond.Broadcast()
	}
}

// list reads the directory of n, records its files and subdirectories in n.items,
// and returns the subdirectories to walk.
func (n *node) list(s *sniffer) []*node {
	entries, err := os.ReadDir(n.path)
	if err != nil {
		// A directory that cannot be listed may still be a chart (Helm is told why it
		// cannot render it); otherwise the error is the walk's.
		if IsChartDir(n.path) {
			n.items = []item{{file: File{Path: n.path, Kind: model.KindHelm}}}
			return nil
		}
		n.err = &model.FileError{File: n.path, Message: cleanErr(err)}
		return nil
	}
	if isChart(n.path, entries) {
		// A chart is linted as a whole, rendered; its templates are not YAML.
		n.items = []item{{file: File{Path: n.path, Kind: model.KindHelm}}}
		return nil
	}
	patterns := n.patterns
	if hasEntry(entries, ".gitignore") {
		// Clipped: the parent's slice is shared with this directory's siblings.
		patterns = append(slices.Clip(patterns), readIgnore(n.path, n.parts)...)
	}
	var subdirs []*node
	for _, e := range entries {
		path := filepath.Join(n.path, e.Name())
		var parts []string
		if e.IsDir() || len(patterns) > 0 {
			parts = childParts(n.parts, e.Name())
		}
		if e.IsDir() {
			if skipDirs[e.Name()] || ignored(patterns, parts, true) {
				continue
			}
			sub := &node{path: path, parts: parts, patterns: patterns}
			n.items = append(n.items, item{dir: sub})
			subdirs = append(subdirs, sub)
			continue
		}
		if f, ok := lintable(path, e, parts, patterns, s); ok {
			n.items = append(n.items, item{file: f})
		}
	}
	return subdirs
}

// collect appends what was found in n and below it, in order, to files and errs.
func (n *node) collect(files *[]File, errs *[]model.FileError) {
	if n.err != nil {
		*errs = append(*errs, *n.err)
	}
	for _, it := range n.items {
		if it.dir != nil {
			it.dir.collect(files, errs)
		} else {
			*files = append(*files, it.file)
		}
	}
}

// childParts is the path of name below the root, in parent. It is a new array each
// time: a directory's parts are shared by its subdirectories' nodes.
func childParts(parent []string, name string) []string {
	parts := make([]string, len(parent)+1)
	copy(parts, parent)
	parts[len(parent)] = name
	return parts
}

// lintable tells whether to lint the file at path, whose path below the root is parts,
// and as what.
func lintable(path string, e fs.DirEntry, parts []string, patterns []gitignore.Pattern, s *sniffer) (File, bool) {
	// Symlinks are not followed: a link out of the tree must not make infralint read
	// what it was not given.
	if e.Type()&fs.ModeSymlink != 0 || !e.Type().IsRegular() {
		return File{}, false
	}
	if ignored(patterns, parts, false) {
		return File{}, false
	}
	switch kind := Classify(e.Name()); {
	case kind == model.KindKubernetes || kind == "":
		// Manifests and packaged charts are told by their content.
		if kind := s.kind(path); kind != "" {
			return File{Path: path, Kind: kind}, true
		}
		return File{}, false
	default:
		return File{Path: path, Kind: kind}, true
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
