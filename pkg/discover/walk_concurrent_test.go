package discover

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

// refWalker is the walk as it was before directories were listed concurrently: one
// goroutine, depth first, the patterns of every .gitignore read so far in one growing
// slice. walkDir must find what it finds, in the same order.
type refWalker struct {
	sniff    sniffer
	files    []File
	errs     []model.FileError
	patterns []gitignore.Pattern
}

func refWalkDir(root string) ([]File, []model.FileError) {
	w := &refWalker{}
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

func (w *refWalker) dir(path string, parts []string) {
	entries, err := os.ReadDir(path)
	if err != nil {
		if IsChartDir(path) {
			w.files = append(w.files, File{Path: path, Kind: model.KindHelm})
			return
		}
		w.errs = append(w.errs, model.FileError{File: path, Message: cleanErr(err)})
		return
	}
	if isChart(path, entries) {
		w.files = append(w.files, File{Path: path, Kind: model.KindHelm})
		return
	}
	if hasEntry(entries, ".gitignore") {
		w.patterns = append(w.patterns, readIgnore(path, parts)...)
	}
	for _, e := range entries {
		child := childParts(parts, e.Name())
		if e.IsDir() {
			if !skipDirs[e.Name()] && !ignored(w.patterns, child, true) {
				w.dir(filepath.Join(path, e.Name()), child)
			}
			continue
		}
		w.file(filepath.Join(path, e.Name()), e, child)
	}
}

func (w *refWalker) file(path string, e fs.DirEntry, parts []string) {
	if !e.Type().IsRegular() || ignored(w.patterns, parts, false) {
		return
	}
	switch kind := Classify(e.Name()); {
	case kind == model.KindKubernetes || kind == "":
		if kind := w.sniff.kind(path); kind != "" {
			w.files = append(w.files, File{Path: path, Kind: kind})
		}
	default:
		w.files = append(w.files, File{Path: path, Kind: kind})
	}
}

// sameAsReference walks root again and again, on one processor and on many, and
// fails unless every walk finds what the reference walk finds.
func sameAsReference(t *testing.T, root string, times int) {
	t.Helper()
	wantFiles, wantErrs := refWalkDir(root)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		for range times {
			files, errs := walkDir(root)
			if diff := cmp.Diff(wantFiles, files); diff != "" {
				t.Fatalf("GOMAXPROCS %d: files (-reference +walk):\n%s", procs, diff)
			}
			if diff := cmp.Diff(wantErrs, errs); diff != "" {
				t.Fatalf("GOMAXPROCS %d: errors (-reference +walk):\n%s", procs, diff)
			}
		}
	}
}

// TestWalkSameAsReference: random trees with .gitignore files at several levels,
// charts, skipped and ignored directories, links and directories that cannot be
// listed are walked as the reference walks them. The .gitignore patterns of one
// branch name files in the others, so a pattern that leaked out of its directory
// would show.
func TestWalkSameAsReference(t *testing.T) {
	for seed := range uint64(16) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			root := t.TempDir()
			rng := rand.New(rand.NewPCG(seed, 1))
			randomDir(t, root, "", 0, rng)
			files, errs := refWalkDir(root)
			if len(files) == 0 {
				t.Fatal("the tree has nothing to lint")
			}
			t.Logf("%d files, %d errors", len(files), len(errs))
			sameAsReference(t, root, 4)
		})
	}
}

var (
	randomDirNames  = []string{"a", "b", "build", "deep", "keep", "node_modules", "sub", "templates", "vendor", "x"}
	randomFileNames = []string{
		"Dockerfile", "Dockerfile.md", "api.Dockerfile", "compose.yaml", "compose.override.yml",
		"a.yaml", "b.yml", "c.json", "keep.yaml", "values.yaml", "x.yaml", "README.md",
	}
	randomPatterns = []string{
		"*.json", "x.yaml", "!keep.yaml", "*.yaml", "build/", "/a.yaml", "sub/*.yaml",
		"**/deep", "b", "deep/", "a/x.yaml", "*.yml\r", "# x.yaml", " ", "Dockerfile",
	}
	randomContents = []string{
		"apiVersion: v1\nkind: ConfigMap\n",
		`{"apiVersion": "v1", "kind": "Pod"}`,
		"apiVersion: v1\nkind: {{ .Values.kind }}\n",
		"replicas: 2\n",
		"FROM alpine\n",
	}
)

// randomDir fills dir, rel below the root, with random files and subdirectories.
func randomDir(t *testing.T, dir, rel string, depth int, rng *rand.Rand) {
	t.Helper()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for range rng.IntN(7) {
		name := randomFileNames[rng.IntN(len(randomFileNames))]
		write(name, randomContents[rng.IntN(len(randomContents))])
	}
	if rng.IntN(3) == 0 {
		var lines []string
		for range 1 + rng.IntN(3) {
			lines = append(lines, randomPatterns[rng.IntN(len(randomPatterns))])
		}
		write(".gitignore", strings.Join(lines, "\n"))
	}
	switch rng.IntN(30) {
	case 0:
		write("Chart.yaml", "name: web\n")
	case 1:
		write("chart.yaml", "name: web\n") // Chart.yaml but for case
	case 2:
		mkdir(t, filepath.Join(dir, "Chart.yaml")) // not a chart
	case 3:
		symlink(t, filepath.Join(dir, "..", "a.yaml"), filepath.Join(dir, "link.yaml"))
	case 4:
		symlink(t, dir, filepath.Join(dir, "loop"))
	case 5:
		if depth > 0 {
			unlistable(t, dir)
		}
	}
	if depth == 5 {
		return
	}
	// Wide near the root, narrower below: a few hundred directories in all.
	for range 1 + rng.IntN(6-depth) {
		name := randomDirNames[rng.IntN(len(randomDirNames))]
		sub := filepath.Join(dir, name)
		if _, err := os.Lstat(sub); err == nil {
			continue
		}
		mkdir(t, sub)
		randomDir(t, sub, filepath.Join(rel, name), depth+1, rng)
	}
}

// unlistable adds to dir a chain of directories whose path grows too long to open, so
// that the walk has errors to report even when the test runs as root (who may list
// any directory). os.Root makes it, a directory at a time.
func unlistable(t *testing.T, dir string) {
	t.Helper()
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close() //nolint:errcheck // a directory
	name := strings.Repeat("z", 250)
	path := name
	for range 4096/len(name) + 2 {
		if err := r.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteFile(path+"/a.yaml", []byte("apiVersion: v1\nkind: Pod\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		path += "/" + name
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks:", err)
	}
}

// TestWalkDeep: a chain of nested directories is walked to its end, each level's
// .gitignore applying below it.
func TestWalkDeep(t *testing.T) {
	root := t.TempDir()
	dir := root
	for i := range 200 {
		dir = filepath.Join(dir, "d")
		mkdir(t, dir)
		for _, name := range []string{"a.yaml", "b.yaml", fmt.Sprintf("%d.yaml", i)} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte("apiVersion: v1\nkind: Pod\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if i%10 == 0 {
			ignore := fmt.Sprintf("%d.yaml\n%d.yaml\n", i+5, i+13)
			if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(ignore), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	done := make(chan []File)
	go func() {
		files, _ := walkDir(root)
		done <- files
	}()
	select {
	case files := <-done:
		if want := 200*3 - 20 - 19; len(files) != want {
			t.Errorf("found %d files, want %d", len(files), want)
		}
	case <-time.After(time.Minute):
		t.Fatal("the walk did not end")
	}
	sameAsReference(t, root, 3)
}

// TestWalkRoots: a root that is a file, a link or missing is walked as the reference
// walks it.
func TestWalkRoots(t *testing.T) {
	root := t.TempDir()
	mkdir(t, filepath.Join(root, "dir"))
	if err := os.WriteFile(filepath.Join(root, "dir", "a.yaml"), []byte("apiVersion: v1\nkind: Pod\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(root, "dir"), filepath.Join(root, "dir-link"))
	symlink(t, filepath.Join(root, "dir", "a.yaml"), filepath.Join(root, "file-link"))
	for _, p := range []string{"dir", "dir/a.yaml", "dir-link", "file-link", "missing"} {
		t.Run(p, func(t *testing.T) { sameAsReference(t, filepath.Join(root, p), 1) })
	}
}

// sharedCorpus is the shared benchmark corpus, beside the repository.
const sharedCorpus = "../../../shared/corpus"

// TestWalkCorpusSameAsReference: the shared corpus is walked as the reference walks it.
func TestWalkCorpusSameAsReference(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if _, err := os.Stat(sharedCorpus); err != nil {
		t.Skip("no corpus at", sharedCorpus)
	}
	sameAsReference(t, sharedCorpus, 2)
}
