// Package cache stores and fetches the evaluated result of one discovered input (a
// Dockerfile, a Compose project, a directory of manifests, a chart), so that a run on
// unchanged files reads and hashes them instead of parsing and evaluating them.
//
// The scheme is two-level, like ccache's manifest mode or Go's build cache. The
// primary key is what the caller knows before parsing: the binary, the rule set and
// the settings (the salt), the input's kind and paths. The entry stored under it lists
// the dependencies the result was computed from (files and trees with their content
// hashes, and other facts the caller can recompute) and is a hit only when every one
// of them still has the recorded hash. A wrong hit is worse than a miss: anything that
// cannot be read, decoded or verified is a miss, never an error.
//
// Entries are one file each under <dir>/v<format>/, written to a temporary file and
// renamed into place, so concurrent workers and processes sharing the directory only
// ever see whole entries. Close prunes the oldest entries when the directory grows
// beyond its bound. Two more files spare a run over unchanged files most of its reads:
// the file index (index.go), which gives a file's hash while it keeps the state it was
// hashed in, and the run's pack (pack.go), which holds the entries of all its inputs.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/infralint/infralint/pkg/model"
)

// formatVersion names the entry encoding; a change makes every old entry unreachable.
const formatVersion = 3

// magic starts every entry file.
var magic = []byte("infralint-cache\x00\x03")

// maxEntryBytes bounds an entry file that is read: a larger one is not ours.
const maxEntryBytes = 256 << 20

// DefaultMaxBytes bounds the cache directory when Options.MaxBytes is 0.
const DefaultMaxBytes = 256 << 20

// Bounds of a tree dependency: a larger tree is not cached (ErrUncacheable).
const (
	maxTreeFiles = 4096
	maxTreeBytes = 64 << 20
)

// recent is how close to the start of the run a file may have changed and still be
// cached: a file written during the run (or within a coarse file system's mtime
// granularity of its start) may have been read in another state than it was hashed.
const recent = 2 * time.Second

// ErrUncacheable says a dependency cannot be hashed with certainty (a symbolic link in
// a tree, a tree too large, an unreadable file): the input is linted, not cached.
var ErrUncacheable = errors.New("not cacheable")

// Dependency kinds the cache itself hashes. Callers add their own kinds (recomputed by
// the function given to Get).
const (
	KindFile = "file" // a file's content ("absent" when it does not exist)
	KindTree = "tree" // a directory: every name in it, recursively, and every file's content
)

// Dep is one thing a result depends on, with its hash when the result was computed.
type Dep struct {
	Kind, Path, Hash string
}

// Entry is the stored result of one input.
type Entry struct {
	Deps       []Dep
	Findings   []model.Finding
	Suppressed []model.Finding
	Errors     []model.FileError
	Warnings   []model.FileError
	// Sources are excerpts (model.Source.Excerpt) of the files findings are in, by
	// path: the lines the reports show, not the whole texts, which would make reading
	// the entries of a run cost as much as reading its inputs.
	Sources map[string]*model.Source
}

// Key is a primary key.
type Key [sha256.Size]byte

// Options configure a cache.
type Options struct {
	// Salt identifies everything outside the inputs that results depend on: the
	// binary, the rules and their settings, the parser settings. Entries made with
	// another salt are never seen.
	Salt []byte
	// MaxBytes bounds the directory (DefaultMaxBytes when 0); Close prunes beyond it.
	MaxBytes int64
	// Now is the start of the run (time.Now when zero).
	Now time.Time
}

// Cache is a result cache in one directory, shared by the workers of a run.
type Cache struct {
	dir      string // <dir>/v<formatVersion>
	salt     [sha256.Size]byte
	maxBytes int64
	start    time.Time

	files sync.Map // path → *fileHash
	trees sync.Map // path → *fileHash (of a tree)
	index *fileIndex
	pack  *pack // the run's, when Preload was told enough inputs

	hits, misses, writes atomic.Int64
}

type fileHash struct {
	once  sync.Once
	hash  string
	stat  fileStat
	err   error
	files []string // for a tree: the files hashed, for fresh
}

type fileStat struct {
	size    int64
	mtime   time.Time
	present bool
	id      fileID // zero when the platform does not say (read_other.go) or not a regular file
}

// fileID tells a regular file's state apart from any other state it had or will have:
// its device and inode, and its change time, which every write to it (and every change
// of its metadata) moves forward and which no program can set.
type fileID struct {
	dev, ino uint64
	ctime    int64 // nanoseconds
}

func (id fileID) known() bool { return id != fileID{} }

// Open opens (creating it when needed) the cache in dir.
func Open(dir string, opts Options) (*Cache, error) {
	if dir == "" {
		return nil, errors.New("no cache directory")
	}
	d := filepath.Join(dir, fmt.Sprintf("v%d", formatVersion))
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	c := &Cache{dir: d, salt: sha256.Sum256(opts.Salt), maxBytes: opts.MaxBytes, start: opts.Now}
	if c.maxBytes <= 0 {
		c.maxBytes = DefaultMaxBytes
	}
	if c.start.IsZero() {
		c.start = time.Now()
	}
	return c, nil
}

// Key is the primary key of parts under the cache's salt.
func (c *Cache) Key(parts ...string) Key {
	h := sha256.New()
	h.Write(c.salt[:])
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	var k Key
	h.Sum(k[:0])
	return k
}

func (c *Cache) path(k Key) string {
	name := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, name[:2], name)
}

// Get returns the entry under k when each of its dependencies still has its recorded
// hash. current gives the hash of a dependency of a kind the cache does not know
// (false: unknown, a miss); File and Tree dependencies are hashed by the cache. The
// run's pack (Preload) is looked in first, then the entry's own file.
func (c *Cache) Get(k Key, current func(Dep) (string, bool)) (*Entry, bool) {
	if data, ok := c.pack.get(k); ok {
		if e, err := decodeEntry(data); err == nil && c.valid(e, current) {
			c.pack.found(k, data, true)
			c.hits.Add(1)
			return e, true
		}
	}
	if data, e, ok := c.read(k); ok && c.valid(e, current) {
		c.pack.found(k, data, false)
		c.hits.Add(1)
		return e, true
	}
	c.misses.Add(1)
	return nil, false
}

// valid reports whether each of e's dependencies still has its recorded hash.
func (c *Cache) valid(e *Entry, current func(Dep) (string, bool)) bool {
	for _, d := range e.Deps {
		if h, known := c.hashOf(d, current); !known || h != d.Hash {
			return false
		}
	}
	return true
}

func (c *Cache) hashOf(d Dep, current func(Dep) (string, bool)) (string, bool) {
	switch d.Kind {
	case KindFile:
		h, err := c.HashFile(d.Path)
		return h, err == nil
	case KindTree:
		h, err := c.HashTree(d.Path)
		return h, err == nil
	}
	if current == nil {
		return "", false
	}
	return current(d)
}

// read returns the entry in k's own file, and its encoding.
func (c *Cache) read(k Key) ([]byte, *Entry, bool) {
	p := c.path(k)
	data, st, typ, err := readWhole(p, nil, maxEntryBytes)
	if err != nil || typ != 0 || !bytes.HasPrefix(data, magic) {
		return nil, nil, false
	}
	data = data[len(magic):]
	e, err := decodeEntry(data)
	if err != nil {
		return nil, nil, false
	}
	// Used entries stay young for pruning; touching costs a syscall, so only hourly.
	if c.start.Sub(st.mtime) > time.Hour {
		_ = os.Chtimes(p, c.start, c.start)
	}
	return data, e, true
}

// Put stores e under k, unless one of its File or Tree dependencies changed since it
// was hashed or changed too recently to be sure what was read (then nothing is
// stored). Failing to write is not an error: the next run lints again.
func (c *Cache) Put(k Key, e *Entry) {
	for _, d := range e.Deps {
		if !c.fresh(d) {
			return
		}
	}
	data := encodeEntry(append([]byte{}, magic...), e)
	c.pack.found(k, data[len(magic):], false)
	p := c.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	if writeFile(p, data) {
		c.writes.Add(int64(len(data)))
	}
}

// fresh reports whether a File or Tree dependency was hashed in the state it still
// has, old enough that the parser read that state.
func (c *Cache) fresh(d Dep) bool {
	var paths []string
	switch d.Kind {
	case KindFile:
		paths = []string{d.Path}
	case KindTree:
		v, ok := c.trees.Load(d.Path)
		if !ok {
			return false
		}
		paths = v.(*fileHash).files
	default:
		return true
	}
	for _, p := range paths {
		v, ok := c.files.Load(p)
		if !ok {
			return false
		}
		fh := v.(*fileHash)
		if fh.err != nil || !c.old(fh.stat) || !statOf(p).sameAs(fh.stat) {
			return false
		}
	}
	return true
}

func (c *Cache) old(st fileStat) bool {
	return !st.present || st.mtime.Before(c.start.Add(-recent))
}

func statOf(p string) fileStat {
	st, _ := statPath(p)
	return st
}

// HashFile returns the hash of a file's content, "absent" when it does not exist. It
// is computed once per run and path. A symbolic link is followed: its target's
// content is what a parser reads.
func (c *Cache) HashFile(path string) (string, error) {
	v, _ := c.files.LoadOrStore(path, &fileHash{})
	fh := v.(*fileHash)
	fh.once.Do(func() { fh.hash, fh.stat, fh.err = c.hashFile(path) })
	return fh.hash, fh.err
}

// UseIndex makes the run hash files through the file index (index.go), and keep it.
// Only a run over many inputs should: the index holds every file the cache has seen,
// and loading it costs a run over a few files (a pre-commit hook's) more than reading
// them.
func (c *Cache) UseIndex() {
	c.index = newFileIndex(filepath.Join(c.dir, "files"))
}

// hashFile hashes a file through the file index, when the run uses it: a file still
// in the state the index has for it is not read.
func (c *Cache) hashFile(path string) (string, fileStat, error) {
	if c.index == nil {
		return hashFile(path)
	}
	st, err := statPath(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "absent", fileStat{}, nil // as hashFile says, without opening
	case err == nil && st.id.known():
		if h, ok := c.index.lookup(path, st); ok {
			return h, st, nil
		}
	}
	h, st, err := hashFile(path)
	if err == nil && settled(st, c.start) {
		c.index.changed.Store(true)
	}
	return h, st, err
}

func hashFile(path string) (string, fileStat, error) {
	bp := buffers.Get().(*[]byte)
	defer buffers.Put(bp)
	data, st, typ, err := readWhole(path, *bp, maxHashedFile)
	if errors.Is(err, fs.ErrNotExist) {
		// A dangling symbolic link reads as absent too, to any parser.
		return "absent", fileStat{}, nil
	}
	if err != nil {
		return "", fileStat{}, ErrUncacheable
	}
	if typ != 0 {
		return "type:" + typ.String(), st, nil
	}
	if cap(data) <= 1<<20 {
		*bp = data[:0] // keep a grown buffer, unless it is large
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), st, nil
}

// buffers are the read buffers of hashFile.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// maxHashedFile bounds a file that is hashed: a larger one is not cacheable.
const maxHashedFile = 256 << 20

var errTooLarge = errors.New("too large to hash")

// HashTree returns the hash of a directory: the name and type of everything in it,
// recursively, and the content of every file. A tree with a symbolic link in it, or
// larger than the bounds, is ErrUncacheable.
func (c *Cache) HashTree(dir string) (string, error) {
	v, _ := c.trees.LoadOrStore(dir, &fileHash{})
	th := v.(*fileHash)
	th.once.Do(func() { th.hash, th.files, th.err = c.hashTree(dir) })
	return th.hash, th.err
}

func (c *Cache) hashTree(root string) (string, []string, error) {
	h := sha256.New()
	var files []string
	var total int64
	var line []byte // what the tree's hash is fed for one name
	var walk func(dir, rel string) error
	walk = func(dir, rel string) error {
		entries, err := os.ReadDir(dir) // sorted by name
		if err != nil {
			return ErrUncacheable
		}
		for _, e := range entries {
			p, r := filepath.Join(dir, e.Name()), rel+"/"+e.Name()
			switch t := e.Type(); {
			case t&fs.ModeSymlink != 0:
				return ErrUncacheable
			case t.IsDir():
				line = append(strconv.AppendQuote(append(line[:0], "d "...), r), '\n')
				h.Write(line)
				if err := walk(p, r); err != nil {
					return err
				}
			case t.IsRegular():
				files = append(files, p)
				if len(files) > maxTreeFiles {
					return ErrUncacheable
				}
				fh, err := c.HashFile(p)
				if err != nil {
					return err
				}
				v, _ := c.files.Load(p)
				if total += v.(*fileHash).stat.size; total > maxTreeBytes {
					return ErrUncacheable
				}
				line = append(strconv.AppendQuote(append(line[:0], "f "...), r), ' ')
				h.Write(append(append(line, fh...), '\n'))
			default:
				line = append(strconv.AppendQuote(append(line[:0], "o "...), r), ' ')
				h.Write(append(append(line, t.String()...), '\n'))
			}
		}
		return nil
	}
	if err := walk(root, ""); err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(h.Sum(nil)), files, nil
}

// Stats are a run's hits and misses, and the bytes it wrote.
func (c *Cache) Stats() (hits, misses, written int64) {
	return c.hits.Load(), c.misses.Load(), c.writes.Load()
}

// Close ends the run: when it wrote entries, the oldest entries beyond the size bound
// are removed (down to three quarters of it). A run that only read does not look.
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	c.index.write(&c.files, c.start)
	c.writes.Add(c.pack.write())
	if c.writes.Load() == 0 {
		return nil
	}
	return prune(c.dir, c.maxBytes)
}

type entryInfo struct {
	path  string
	size  int64
	mtime time.Time
}

func prune(dir string, maxBytes int64) error {
	var all []entryInfo
	var total int64
	subs, err := os.ReadDir(dir)
	if err != nil {
		return nil //nolint:nilerr // nothing to prune
	}
	for _, s := range subs {
		if !s.IsDir() {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(dir, s.Name()))
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			p := filepath.Join(dir, s.Name(), e.Name())
			if strings.HasPrefix(e.Name(), ".tmp-") {
				// A temporary file an interrupted run left behind.
				if time.Since(info.ModTime()) > time.Hour {
					_ = os.Remove(p)
				}
				continue
			}
			all = append(all, entryInfo{p, info.Size(), info.ModTime()})
			total += info.Size()
		}
	}
	if total <= maxBytes {
		return nil
	}
	sort.Slice(all, func(i, j int) bool { return all[i].mtime.Before(all[j].mtime) })
	for _, e := range all {
		if total <= maxBytes*3/4 {
			break
		}
		if os.Remove(e.path) == nil {
			total -= e.size
		}
	}
	return nil
}

// HashPath hashes a file, or a directory as a tree, outside any run (a policy
// directory for a salt).
func HashPath(path string) (string, error) {
	var c Cache
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return c.HashTree(path)
	}
	return c.HashFile(path)
}
