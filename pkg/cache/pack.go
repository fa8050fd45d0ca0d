package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Packs: a run over many inputs would read one entry file per input, and opening a
// file costs about as much as reading a small input. A pack holds the entries of every
// input of a run, under a key made of all their keys, so that the next run over the
// same inputs reads one file. Entries are still written one file each: a run over
// other inputs (a pre-commit hook's few files) finds them there.
//
// A pack is rewritten by Close when what it holds is no longer what the run found: an
// entry was missing or out of date, or came from its own file. Packs live in
// <dir>/v<format>/packs/ and are pruned with the entries, oldest first.

// packMagic starts a pack file.
var packMagic = []byte("infralint-pack\x00\x01")

// minPackInputs is the number of inputs from which a run uses a pack.
const minPackInputs = 32

type pack struct {
	path string
	keys map[Key]bool // the run's inputs

	mu      sync.Mutex
	loaded  map[Key][]byte // as read: encoded entries, without magic
	current map[Key][]byte // what the run found good or stored, by input
	fresh   int            // entries of current that are loaded's, unchanged
}

// Preload tells the cache the keys of every input of the run, before the first Get:
// with enough of them, the entries come from the run's pack when there is one, and
// Close writes it.
func (c *Cache) Preload(keys []Key) {
	if len(keys) < minPackInputs {
		return
	}
	sorted := slices.Clone(keys)
	slices.SortFunc(sorted, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	sorted = slices.Compact(sorted)
	h := sha256.New()
	for _, k := range sorted {
		h.Write(k[:])
	}
	p := &pack{path: filepath.Join(c.dir, "packs", hex.EncodeToString(h.Sum(nil))),
		keys: make(map[Key]bool, len(sorted)), current: map[Key][]byte{}}
	for _, k := range sorted {
		p.keys[k] = true
	}
	data, st, typ, err := readWhole(p.path, nil, maxEntryBytes)
	if err == nil && typ == 0 && bytes.HasPrefix(data, packMagic) {
		if m, err := decodePack(data[len(packMagic):]); err == nil {
			p.loaded = m
		}
		if c.start.Sub(st.mtime) > time.Hour {
			_ = os.Chtimes(p.path, c.start, c.start)
		}
	}
	c.pack = p
}

// get returns the encoded entry the pack has under k.
func (p *pack) get(k Key) ([]byte, bool) {
	if p == nil {
		return nil, false
	}
	data, ok := p.loaded[k]
	return data, ok
}

// found records the entry the run has for k: the pack's own (same) or another.
func (p *pack) found(k Key, data []byte, same bool) {
	if p == nil || !p.keys[k] {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current[k] = data
	if same {
		p.fresh++
	}
}

// write stores the pack when the run found other entries than it holds, and returns
// the bytes written.
func (p *pack) write() int64 {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fresh == len(p.loaded) && len(p.current) == p.fresh {
		return 0 // every entry loaded was good, and nothing else was found
	}
	if len(p.current) == 0 {
		_ = os.Remove(p.path)
		return 0
	}
	if err := os.MkdirAll(filepath.Dir(p.path), 0o755); err != nil {
		return 0
	}
	data := encodePack(append([]byte{}, packMagic...), p.current)
	if !writeFile(p.path, data) {
		return 0
	}
	return int64(len(data))
}

// writeFile writes data to path through a temporary file renamed into place, so that
// a reader sees the old file or the new one, whole. Failing is not an error: the
// cache only loses what it would have kept.
func writeFile(path string, data []byte) bool {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return false
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		_ = os.Remove(tmp.Name())
		return false
	}
	return true
}
