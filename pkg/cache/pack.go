package cache

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Packs: a run over many inputs would read one entry file per input, and opening a
// file costs about as much as reading a small input. A pack holds the entries of every
// input of a run, under a key the caller makes of the run's arguments, so that the
// next run with the same arguments reads one file, and reads it while it looks for
// its inputs. Entries are still written one file each: a run over other inputs (a
// pre-commit hook's few files) finds them there.
//
// A pack is rewritten by Close when what it holds is no longer what the run found: an
// entry was missing or out of date, or came from its own file, or an input is gone.
// Packs live in <dir>/v<format>/packs/ and are pruned with the entries, oldest first.

// packMagic starts a pack file.
var packMagic = []byte("infralint-pack\x00\x01")

// minPackInputs is the number of inputs from which a run writes a pack.
const minPackInputs = 32

type pack struct {
	path     string
	maxBytes int           // a larger pack is not written
	done     chan struct{} // closed once loaded is read

	loaded map[Key][]byte // as read: encoded entries, without magic

	mu      sync.Mutex
	current map[Key][]byte // what the run found good or stored, by input
	fresh   int            // entries of current that are loaded's, unchanged
}

// Preload starts reading the pack stored under run, a key the caller makes of what
// identifies a run (its arguments and settings), before the first Get; Close then
// writes the entries the run found there.
func (c *Cache) Preload(run Key) {
	p := &pack{path: filepath.Join(c.dir, "packs", hex.EncodeToString(run[:])),
		maxBytes: int(min(c.maxBytes/4, maxEntryBytes)), done: make(chan struct{}), current: map[Key][]byte{}}
	c.pack = p
	go func() {
		defer close(p.done)
		data, st, typ, err := readWhole(p.path, nil, maxEntryBytes)
		if err != nil || typ != 0 || !bytes.HasPrefix(data, packMagic) {
			return
		}
		if m, err := decodePack(data[len(packMagic):]); err == nil {
			p.loaded = m
		}
		if c.start.Sub(st.mtime) > time.Hour {
			_ = os.Chtimes(p.path, c.start, c.start)
		}
	}()
}

// get returns the encoded entry the pack has under k.
func (p *pack) get(k Key) ([]byte, bool) {
	if p == nil {
		return nil, false
	}
	<-p.done
	data, ok := p.loaded[k]
	return data, ok
}

// found records the entry the run has for k: the pack's own (same) or another.
func (p *pack) found(k Key, data []byte, same bool) {
	if p == nil {
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
// the bytes written. A run over a few inputs leaves the pack alone.
func (p *pack) write() int64 {
	if p == nil {
		return 0
	}
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.current) < minPackInputs {
		return 0
	}
	if p.fresh == len(p.loaded) && len(p.current) == p.fresh {
		return 0 // every entry loaded was good, and nothing else was found
	}
	if err := os.MkdirAll(filepath.Dir(p.path), 0o755); err != nil {
		return 0
	}
	data := encodePack(append([]byte{}, packMagic...), p.current)
	if len(data) > p.maxBytes {
		// A quarter of the cache for one run: the entries' own files serve it better
		// than a pack pruned away as soon as it is written, or rewritten every run.
		_ = os.Remove(p.path)
		return 0
	}
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
