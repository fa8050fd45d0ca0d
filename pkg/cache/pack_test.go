package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// packRun is a run over Dockerfiles, with the same arguments each time (Preload), and
// the keys of its inputs.
func packRun(t *testing.T, dir string, files []string) (*Cache, []Key) {
	t.Helper()
	c := run(t, dir)
	c.Preload(c.Key("run", "the same arguments"))
	keys := make([]Key, len(files))
	for i, f := range files {
		keys[i] = c.Key("dockerfile", f)
	}
	return c, keys
}

// packedRun is a first run over more Dockerfiles than make a pack, each of which is
// stored: the cache directory, the files, and the run, closed.
func packedRun(t *testing.T) (string, []string, *Cache) {
	t.Helper()
	src, dir := t.TempDir(), t.TempDir()
	var files []string
	for i := range minPackInputs + 1 {
		f := filepath.Join(src, fmt.Sprintf("d%02d", i), "Dockerfile")
		write(t, f, fmt.Sprintf("FROM a%d\n", i))
		files = append(files, f)
	}
	c, keys := packRun(t, dir, files)
	for i, f := range files {
		c.Put(keys[i], entry(t, c, Dep{Kind: KindFile, Path: f}))
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, files, c
}

// dropEntryFiles removes every entry's own file, so only a pack can give a hit.
func dropEntryFiles(t *testing.T, c *Cache) {
	t.Helper()
	subs, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.IsDir() && s.Name() != "packs" {
			if err := os.RemoveAll(filepath.Join(c.dir, s.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func packFile(t *testing.T, c *Cache) (string, os.FileInfo) {
	t.Helper()
	ps, _ := filepath.Glob(filepath.Join(c.dir, "packs", "*"))
	if len(ps) != 1 {
		t.Fatalf("%d packs, want 1", len(ps))
	}
	st, err := os.Stat(ps[0])
	if err != nil {
		t.Fatal(err)
	}
	return ps[0], st
}

// TestPack: a run over many inputs leaves a pack that gives the next run over the same
// inputs every entry; an input that changed is linted again and the pack rewritten
// with its new entry; a run that finds the pack right leaves it alone.
func TestPack(t *testing.T) {
	dir, files, c := packedRun(t)
	dropEntryFiles(t, c)
	first, st1 := packFile(t, c)

	c, keys := packRun(t, dir, files)
	for i := range files {
		if _, ok := c.Get(keys[i], nil); !ok {
			t.Fatalf("input %d missed with its entry in the pack", i)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if p, st := packFile(t, c); p != first || !st.ModTime().Equal(st1.ModTime()) || !os.SameFile(st, st1) {
		t.Fatal("a pack that was right was rewritten")
	}

	write(t, files[3], "FROM changed\n")
	c, keys = packRun(t, dir, files)
	if _, ok := c.Get(keys[3], nil); ok {
		t.Fatal("a changed input hit")
	}
	c.Put(keys[3], entry(t, c, Dep{Kind: KindFile, Path: files[3]}))
	for i := range files {
		if i != 3 {
			if _, ok := c.Get(keys[i], nil); !ok {
				t.Fatalf("input %d missed", i)
			}
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	dropEntryFiles(t, c)
	if _, st := packFile(t, c); os.SameFile(st, st1) {
		t.Fatal("the pack was not rewritten with the changed input's entry")
	}
	c, keys = packRun(t, dir, files)
	for i := range files {
		if _, ok := c.Get(keys[i], nil); !ok {
			t.Fatalf("input %d missed after the pack was rewritten", i)
		}
	}

	// An input that is gone leaves the pack.
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	c, keys = packRun(t, dir, files[1:])
	for i := range keys {
		if _, ok := c.Get(keys[i], nil); !ok {
			t.Fatalf("input %d missed", i+1)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	p, _ := packFile(t, c)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodePack(data[len(packMagic):])
	if err != nil || len(m) != len(files)-1 {
		t.Fatalf("the pack holds %d entries (%v), want %d", len(m), err, len(files)-1)
	}
}

// TestNoPackForFewInputs: a run over a few files (a pre-commit hook's) uses the
// entries' own files, and writes no pack.
func TestNoPackForFewInputs(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	f := filepath.Join(src, "Dockerfile")
	write(t, f, "FROM a\n")
	c, keys := packRun(t, dir, []string{f})
	c.Put(keys[0], entry(t, c, Dep{Kind: KindFile, Path: f}))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if ps, _ := filepath.Glob(filepath.Join(c.dir, "packs", "*")); len(ps) != 0 {
		t.Fatalf("packs written for one input: %v", ps)
	}
	if _, ok := run(t, dir).Get(keys[0], nil); !ok {
		t.Fatal("the entry's own file was not written")
	}
}

// TestCorruptPackMisses: a pack that is not one is ignored, and entries' own files
// still hit.
func TestCorruptPackMisses(t *testing.T) {
	dir, files, c := packedRun(t)
	p, _ := packFile(t, c)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data[:len(data)-3], 0o600); err != nil {
		t.Fatal(err)
	}
	c, keys := packRun(t, dir, files)
	<-c.pack.done
	if c.pack.loaded != nil {
		t.Fatal("a truncated pack was read")
	}
	for i := range files {
		if _, ok := c.Get(keys[i], nil); !ok {
			t.Fatalf("input %d missed", i)
		}
	}
}

// TestNoPackBeyondItsShare: a pack larger than a quarter of the cache's bound is not
// written (nor kept from an earlier run): pruning would take it, or every run write it.
func TestNoPackBeyondItsShare(t *testing.T) {
	dir, files, first := packedRun(t)
	_, st := packFile(t, first)
	// Room for the entries and the pack, so that pruning takes neither; a quarter of it
	// is less than the pack.
	maxBytes := 3 * st.Size()
	c, err := Open(dir, Options{Salt: []byte("salt"), MaxBytes: maxBytes})
	if err != nil {
		t.Fatal(err)
	}
	c.Preload(c.Key("run", "the same arguments"))
	for _, f := range files {
		write(t, f, "FROM changed\n") // every entry must be stored anew
		k := c.Key("dockerfile", f)
		c.Put(k, entry(t, c, Dep{Kind: KindFile, Path: f}))
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if ps, _ := filepath.Glob(filepath.Join(c.dir, "packs", "*")); len(ps) != 0 {
		t.Fatalf("a pack over a quarter of a %d-byte cache was kept: %v", maxBytes, ps)
	}
	if _, ok := run(t, dir).Get(c.Key("dockerfile", files[0]), nil); !ok {
		t.Fatal("the entries were pruned: the test's bound is too small to tell")
	}
}
