package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/infralint/infralint/pkg/model"
)

var old = time.Now().Add(-time.Hour)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

// run opens the cache as a new run would.
func run(t *testing.T, dir string) *Cache {
	t.Helper()
	c, err := Open(dir, Options{Salt: []byte("salt")})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func entry(t *testing.T, c *Cache, deps ...Dep) *Entry {
	t.Helper()
	for i := range deps {
		h, ok := c.hashOf(deps[i], nil)
		if !ok {
			t.Fatalf("cannot hash %v", deps[i])
		}
		deps[i].Hash = h
	}
	return &Entry{Deps: deps, Findings: []model.Finding{{RuleID: "r", File: "f", Message: "m"}}}
}

func TestHitAndMiss(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	f, tree := filepath.Join(src, "Dockerfile"), filepath.Join(src, "chart")
	write(t, f, "FROM a\n")
	write(t, filepath.Join(tree, "Chart.yaml"), "name: x\n")
	absent := filepath.Join(src, ".dockerignore")

	c := run(t, dir)
	k := c.Key("dockerfile", f)
	c.Put(k, entry(t, c, Dep{Kind: KindFile, Path: f}, Dep{Kind: KindTree, Path: tree}, Dep{Kind: KindFile, Path: absent}))

	if e, ok := run(t, dir).Get(k, nil); !ok || e.Findings[0].RuleID != "r" {
		t.Fatalf("want a hit, got %v %v", e, ok)
	}
	if _, ok := run(t, dir).Get(run(t, dir).Key("dockerfile", f, "other"), nil); ok {
		t.Fatal("another key hit")
	}
	if c2, _ := Open(dir, Options{Salt: []byte("other salt")}); c2 != nil {
		if _, ok := c2.Get(c2.Key("dockerfile", f), nil); ok {
			t.Fatal("another salt hit")
		}
	}
	for _, change := range []func(){
		func() { write(t, f, "FROM b\n") },                                  // same size, same time
		func() { write(t, absent, "x\n") },                                  // a file that was absent
		func() { write(t, filepath.Join(tree, "templates", "a.yaml"), "") }, // a new file in a tree
	} {
		change()
		if _, ok := run(t, dir).Get(k, nil); ok {
			t.Fatal("hit after a change")
		}
	}
}

func TestNotStored(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	f := filepath.Join(src, "Dockerfile")
	write(t, f, "FROM a\n")

	// A file changed after it was hashed is not stored.
	c := run(t, dir)
	e := entry(t, c, Dep{Kind: KindFile, Path: f})
	write(t, f, "FROM bb\n")
	c.Put(c.Key("k"), e)
	if _, ok := run(t, dir).Get(c.Key("k"), nil); ok {
		t.Fatal("stored an entry whose file changed while it was linted")
	}

	// Nor is a file changed within the last moments (it may have been read half-written).
	if err := os.Chtimes(f, time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	c = run(t, dir)
	c.Put(c.Key("k"), entry(t, c, Dep{Kind: KindFile, Path: f}))
	if _, ok := run(t, dir).Get(c.Key("k"), nil); ok {
		t.Fatal("stored an entry of a file changed just now")
	}

	// A tree with a symbolic link cannot be hashed with certainty.
	tree := filepath.Join(src, "chart")
	write(t, filepath.Join(tree, "Chart.yaml"), "name: x\n")
	if err := os.Symlink("/etc/hostname", filepath.Join(tree, "link")); err != nil {
		t.Skip(err)
	}
	if _, err := run(t, dir).HashTree(tree); err == nil {
		t.Fatal("hashed a tree with a symbolic link")
	}
}

func TestCorruptEntriesMiss(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	f := filepath.Join(src, "Dockerfile")
	write(t, f, "FROM a\n")
	c := run(t, dir)
	k := c.Key("k")
	c.Put(k, entry(t, c, Dep{Kind: KindFile, Path: f}))
	p := c.path(k)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{nil, data[:len(data)/2], append([]byte("junk"), data...), append(append([]byte{}, magic...), 0xff, 0xff)} {
		if err := os.WriteFile(p, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok := run(t, dir).Get(k, nil); ok {
			t.Fatalf("a corrupt entry (%d bytes) hit", len(bad))
		}
	}
	// A dependency of a kind no one can recompute is a miss.
	c.Put(k, &Entry{Deps: []Dep{{Kind: "unknown", Path: "x", Hash: "y"}}})
	if _, ok := run(t, dir).Get(k, nil); ok {
		t.Fatal("an entry with an unknown dependency hit")
	}
}

func TestPrune(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	f := filepath.Join(src, "Dockerfile")
	write(t, f, "FROM a\n")
	c, err := Open(dir, Options{Salt: []byte("s"), MaxBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var keys []Key
	for i := range 20 {
		k := c.Key("k", string(rune('a'+i)))
		c.Put(k, entry(t, c, Dep{Kind: KindFile, Path: f}))
		at := old.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(c.path(k), at, at); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, k := range keys {
		if st, err := os.Stat(c.path(k)); err == nil {
			total += st.Size()
		}
	}
	if total > 1000 {
		t.Errorf("%d bytes left, want at most 1000", total)
	}
	if _, err := os.Stat(c.path(keys[0])); err == nil {
		t.Error("the oldest entry survived")
	}
	if _, err := os.Stat(c.path(keys[19])); err != nil {
		t.Error("the newest entry was pruned")
	}
}

func TestExecutable(t *testing.T) {
	if Executable() == "" {
		t.Fatal("the test binary cannot identify itself")
	}
}
