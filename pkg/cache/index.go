package cache

import (
	"bytes"
	"sync"
	"sync/atomic"
	"time"
)

// The file index: the content hash of each file the cache hashed, with the state the
// file had then (device, inode, change time, size, modification time). A file that
// still has that state still has that content, so a run on unchanged files stats them
// instead of reading and hashing them, as git's index spares `git status` from reading
// the work tree.
//
// The change time is what makes this sound: every write to a file moves it, and no
// program can set it. A state is recorded only when the file's modification and change
// times are older than the start of the run by `recent`, so that a write in the same
// tick of a coarse clock as the read cannot leave the recorded state in place ("racy
// git"). Where the platform does not give the change time and inode (read_other.go),
// nothing is recorded and every file is read.
//
// The index is one file, <dir>/v<format>/files, read on the first lookup of a run and
// rewritten by Close when the run recorded something. Runs sharing the directory each
// write a whole index and rename it into place: the last one wins, and a record lost
// that way only costs one read next time.

// indexMagic starts the index file.
var indexMagic = []byte("infralint-files\x00\x01")

// maxIndexRecords bounds the index: beyond it, the records of other runs' files go.
const maxIndexRecords = 1 << 17

type indexRecord struct {
	stat fileStat
	hash string
}

type fileIndex struct {
	path string

	once    sync.Once
	old     map[string]indexRecord // as read; not changed after
	changed atomic.Bool            // the run read a settled file the index did not have as it is
}

func newFileIndex(path string) *fileIndex {
	return &fileIndex{path: path}
}

func (x *fileIndex) load() {
	x.once.Do(func() {
		x.old = map[string]indexRecord{}
		data, _, typ, err := readWhole(x.path, nil, maxEntryBytes)
		if err != nil || typ != 0 || !bytes.HasPrefix(data, indexMagic) {
			return
		}
		if recs, err := decodeIndex(data[len(indexMagic):]); err == nil {
			x.old = recs
		}
	})
}

// lookup returns the recorded hash of the file at path when it still has the state st
// it had when it was hashed.
func (x *fileIndex) lookup(path string, st fileStat) (string, bool) {
	x.load()
	r, ok := x.old[path]
	if !ok || !r.stat.same(st) {
		return "", false
	}
	return r.hash, true
}

// settled reports whether a file read in state st may be recorded (see above).
func settled(st fileStat, start time.Time) bool {
	before := start.Add(-recent)
	return st.id.known() && st.mtime.Before(before) && time.Unix(0, st.id.ctime).Before(before)
}

// write stores the index when the run read files it can record: the files the run
// hashed that are settled (files), then the other records while there is room, less
// those of files the run found in another state.
func (x *fileIndex) write(files *sync.Map, start time.Time) {
	if x == nil || !x.changed.Load() {
		return
	}
	x.load()
	recs := map[string]indexRecord{}
	looked := map[string]bool{}
	files.Range(func(k, v any) bool {
		path, fh := k.(string), v.(*fileHash)
		looked[path] = true
		if fh.err == nil && settled(fh.stat, start) {
			recs[path] = indexRecord{fh.stat, fh.hash}
		}
		return true
	})
	for p, r := range x.old {
		if len(recs) >= maxIndexRecords {
			break
		}
		if !looked[p] {
			recs[p] = r
		}
	}
	writeFile(x.path, encodeIndex(append([]byte{}, indexMagic...), recs))
}

// same reports whether a and b are one state of one regular file.
func (a fileStat) same(b fileStat) bool {
	return a.id.known() && a.sameAs(b)
}

// sameAs reports whether a and b are alike in all that is known of them.
func (a fileStat) sameAs(b fileStat) bool {
	return a.id == b.id && a.size == b.size && a.mtime.Equal(b.mtime) && a.present == b.present
}
