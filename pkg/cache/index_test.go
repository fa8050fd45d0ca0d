//go:build linux

package cache

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// later opens the cache as a run starting an hour from now would: the files a test
// writes are then settled, and the file index records them.
func later(t *testing.T, dir string) *Cache {
	t.Helper()
	c, err := Open(dir, Options{Salt: []byte("salt"), Now: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	c.UseIndex()
	return c
}

func hashOrFail(t *testing.T, c *Cache, path string) string {
	t.Helper()
	h, err := c.HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// indexedFile is a Dockerfile hashed by a run that recorded it in the index: the cache
// directory, the file and its hash.
func indexedFile(t *testing.T) (string, string, string) {
	t.Helper()
	src, dir := t.TempDir(), t.TempDir()
	f := filepath.Join(src, "Dockerfile")
	write(t, f, "FROM a\n")
	c := later(t, dir)
	want := hashOrFail(t, c, f)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, f, want
}

// forge rewrites the index so that it says path has hash h in its current state.
func forge(t *testing.T, dir, path, h string) {
	t.Helper()
	x := newFileIndex(filepath.Join(dir, "v3", "files"))
	x.load()
	r, ok := x.old[path]
	if !ok {
		t.Fatalf("the index has no record of %s", path)
	}
	x.old[path] = indexRecord{r.stat, h}
	if err := os.WriteFile(x.path, encodeIndex(append([]byte{}, indexMagic...), x.old), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestIndexSparesReads: a file in the state the index recorded is not read again (a
// forged record is believed), and any write to it, even one that keeps its size and
// modification time, makes it read again.
func TestIndexSparesReads(t *testing.T) {
	dir, f, want := indexedFile(t)
	if got := hashOrFail(t, later(t, dir), f); got != want {
		t.Fatalf("hash through the index %s, want %s", got, want)
	}

	forge(t, dir, f, "forged")
	if got := hashOrFail(t, later(t, dir), f); got != "forged" {
		t.Fatalf("the file was read (%s): the index was not used", got)
	}

	write(t, f, "FROM b\n") // same size, same modification time: only the change time moves
	c := later(t, dir)
	got := hashOrFail(t, c, f)
	if got == "forged" || got == want {
		t.Fatalf("a changed file was not read again: %s", got)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if again := hashOrFail(t, later(t, dir), f); again != got {
		t.Fatalf("the new state's record gives %s, want %s", again, got)
	}
}

// TestIndexSkipsUnsettledFiles: a file changed too close to the start of the run is
// read, and not recorded: a write in the same clock tick could leave its state as it
// was. Nothing recorded, nothing written.
func TestIndexSkipsUnsettledFiles(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	f := filepath.Join(src, "Dockerfile")
	write(t, f, "FROM a\n") // modification time an hour ago; change time now

	c := run(t, dir)
	c.UseIndex()
	hashOrFail(t, c, f)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "v3", "files")); !os.IsNotExist(err) {
		t.Fatalf("an index was written for a file changed just now: %v", err)
	}
}

// TestNoIndexUnlessAsked: a run that was not told to use the index (a run over a few
// files) neither reads nor writes it.
func TestNoIndexUnlessAsked(t *testing.T) {
	dir, f, want := indexedFile(t)
	forge(t, dir, f, "forged")
	c, err := Open(dir, Options{Salt: []byte("salt"), Now: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if got := hashOrFail(t, c, f); got != want {
		t.Fatalf("hash %s, want %s read from the file", got, want)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "v3", "files"))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "v3", "files"))
	if string(before) != string(after) {
		t.Fatal("a run without the index rewrote it")
	}
}

// TestIndexUnreadable: an index that is not one (truncated, another format) is
// ignored: every file is read, and the run writes a good one.
func TestIndexUnreadable(t *testing.T) {
	dir, f, want := indexedFile(t)
	path := filepath.Join(dir, "v3", "files")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{data[:len(data)-1], data[:len(indexMagic)+1], []byte("not an index"), append(data, 0)} {
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		x := newFileIndex(path)
		x.load()
		if len(x.old) != 0 {
			t.Fatalf("a bad index (%d bytes) gave %d records", len(bad), len(x.old))
		}
		if got := hashOrFail(t, later(t, dir), f); got != want {
			t.Fatalf("hash %s, want %s", got, want)
		}
	}
}

// TestFIFONeverBlocks: a named pipe where a file is looked for (a .dockerignore) is
// hashed by its type; opening it for reading must not wait for a writer.
func TestFIFONeverBlocks(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".dockerignore")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	c := run(t, t.TempDir())
	done := make(chan string, 1)
	go func() {
		h, _ := c.HashFile(p)
		done <- h
	}()
	select {
	case h := <-done:
		if h == "" || h == "absent" {
			t.Fatalf("a named pipe hashed as %q", h)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("hashing a named pipe blocked")
	}
}
