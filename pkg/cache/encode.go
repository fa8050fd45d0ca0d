package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"maps"
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/infralint/infralint/pkg/model"
)

// The entry encoding: varints and length-prefixed strings, in the order of the
// fields below. It is three times as fast to decode as gob, which compiles a decoder
// for every entry's stream, and smaller; encode_test.go fails when a field is added to
// a type it writes, so a new field cannot be lost silently.

type encoder struct {
	b []byte
	// common numbers the strings of fields whose values repeat within an entry (rule,
	// category, help link, file, dependency kind): each is written once, then referred to.
	common map[string]int
}

// shared writes a string that is likely to repeat within the entry: the first time as
// its length and bytes, then as -(its number+1).
func (e *encoder) shared(s string) {
	if n, ok := e.common[s]; ok {
		e.int(-n - 1)
		return
	}
	if e.common == nil {
		e.common = map[string]int{}
	}
	e.common[s] = len(e.common)
	e.str(s)
}

func (e *encoder) int(n int)    { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) u64(n uint64) { e.b = binary.AppendUvarint(e.b, n) }
func (e *encoder) str(s string) { e.int(len(s)); e.b = append(e.b, s...) }
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) rng(r model.Range) {
	e.int(r.Start.Line)
	e.int(r.Start.Column)
	e.int(r.End.Line)
	e.int(r.End.Column)
}

func (e *encoder) findings(fs []model.Finding) {
	e.int(len(fs))
	for _, f := range fs {
		e.shared(f.RuleID)
		e.int(int(f.Severity))
		e.shared(f.Category)
		e.shared(f.HelpURI)
		e.str(f.Message)
		e.shared(f.File)
		e.rng(f.Range)
		e.str(f.Pointer)
		e.str(f.Context)
		e.str(f.Fingerprint)
		e.bool(f.Suppressed != nil)
		if f.Suppressed != nil {
			e.str(f.Suppressed.Kind)
			e.str(f.Suppressed.Justification)
		}
		e.bool(f.Related != nil)
		e.int(len(f.Related))
		for _, l := range f.Related {
			e.shared(l.File)
			e.rng(l.Range)
			e.str(l.Message)
		}
	}
}

func (e *encoder) errors(es []model.FileError) {
	e.int(len(es))
	for _, fe := range es {
		e.shared(fe.File)
		e.bool(fe.Range != nil)
		if fe.Range != nil {
			e.rng(*fe.Range)
		}
		e.str(fe.Message)
	}
}

// EncodeEntry writes an entry as the cache stores it, for a process that hands one to
// another (pkg/lint's chart children).
func EncodeEntry(en *Entry) []byte { return encodeEntry(nil, en) }

// DecodeEntry reads what EncodeEntry wrote. The entry's strings share b's memory: the
// caller hands b over and never changes it.
func DecodeEntry(b []byte) (*Entry, error) { return decodeEntry(b) }

func encodeEntry(prefix []byte, en *Entry) []byte {
	e := &encoder{b: prefix}
	e.int(len(en.Deps))
	for _, d := range en.Deps {
		e.shared(d.Kind)
		e.str(d.Path)
		e.str(d.Hash)
	}
	e.findings(en.Findings)
	e.findings(en.Suppressed)
	e.errors(en.Errors)
	e.errors(en.Warnings)
	paths := make([]string, 0, len(en.Sources))
	for p := range en.Sources {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	e.int(len(paths))
	for _, p := range paths {
		src := en.Sources[p]
		e.str(p)
		e.int(src.LineCount())
		held := src.Held()
		e.int(len(held))
		for _, n := range held {
			e.int(n)
			e.str(src.Line(n))
		}
	}
	return e.b
}

var errCorrupt = errors.New("corrupt cache entry")

type decoder struct {
	b      []byte
	all    string // the whole input as a string, when strings are to share it (text)
	err    error
	common []string // the shared strings read so far, by number
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 || v < math.MinInt32 || v > math.MaxInt32 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) u64() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length, which cannot exceed what is left to read.
func (d *decoder) count() int {
	n := d.int()
	if n < 0 || n > len(d.b) {
		d.err = errCorrupt
		return 0
	}
	return n
}

func (d *decoder) raw() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	s := d.b[:n:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) str() string { return d.text(d.count()) }

// text takes the next n bytes as a string: a substring of all when the decoder has
// it (one allocation for every string of an entry, instead of one each), else a copy.
func (d *decoder) text(n int) string {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errCorrupt
		return ""
	}
	var s string
	if d.all != "" {
		off := len(d.all) - len(d.b) // b is what is left of all
		s = d.all[off : off+n]
	} else {
		s = string(d.b[:n])
	}
	d.b = d.b[n:]
	return s
}

// shared reads what encoder.shared wrote.
func (d *decoder) shared() string {
	n := d.int()
	if n < 0 {
		if -n-1 >= len(d.common) {
			d.err = errCorrupt
			return ""
		}
		return d.common[-n-1]
	}
	s := d.text(n)
	d.common = append(d.common, s)
	return s
}

func (d *decoder) bool() bool {
	if d.err != nil || len(d.b) == 0 || d.b[0] > 1 {
		d.err = errCorrupt
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) rng() model.Range {
	return model.Range{Start: model.Position{Line: d.int(), Column: d.int()}, End: model.Position{Line: d.int(), Column: d.int()}}
}

func (d *decoder) findings() []model.Finding {
	n := d.count()
	if n == 0 {
		return nil
	}
	fs := make([]model.Finding, 0, n)
	for range n {
		if d.err != nil {
			return nil
		}
		var f model.Finding
		f.RuleID = d.shared()
		f.Severity = model.Severity(d.int())
		f.Category = d.shared()
		f.HelpURI = d.shared()
		f.Message = d.str()
		f.File = d.shared()
		f.Range = d.rng()
		f.Pointer = d.str()
		f.Context = d.str()
		f.Fingerprint = d.str()
		if d.bool() {
			f.Suppressed = &model.Suppression{Kind: d.str(), Justification: d.str()}
		}
		hasRelated := d.bool()
		nr := d.count()
		if hasRelated {
			f.Related = make([]model.Location, 0, nr)
		}
		for range nr {
			f.Related = append(f.Related, model.Location{File: d.shared(), Range: d.rng(), Message: d.str()})
		}
		fs = append(fs, f)
	}
	return fs
}

func (d *decoder) errors() []model.FileError {
	n := d.count()
	if n == 0 {
		return nil
	}
	es := make([]model.FileError, 0, n)
	for range n {
		if d.err != nil {
			return nil
		}
		fe := model.FileError{File: d.shared()}
		if d.bool() {
			r := d.rng()
			fe.Range = &r
		}
		fe.Message = d.str()
		es = append(es, fe)
	}
	return es
}

// decodeEntry decodes an entry whose strings share b's memory: the caller hands b
// over and never changes it. Copying the strings out cost a warm run more than reading
// the entries did, since every page of the copies is new memory.
func decodeEntry(b []byte) (*Entry, error) {
	d := &decoder{b: b, all: unsafe.String(unsafe.SliceData(b), len(b))}
	en := &Entry{}
	n := d.count()
	en.Deps = make([]Dep, 0, n)
	for range n {
		en.Deps = append(en.Deps, Dep{Kind: d.shared(), Path: d.str(), Hash: d.str()})
	}
	en.Findings = d.findings()
	en.Suppressed = d.findings()
	en.Errors = d.errors()
	en.Warnings = d.errors()
	n = d.count()
	en.Sources = make(map[string]*model.Source, n)
	for range n {
		p := d.str()
		count := d.int()
		nheld := d.count()
		held := make(map[int]string, nheld)
		for range nheld {
			held[d.int()] = d.str()
		}
		if d.err == nil {
			en.Sources[p] = model.NewExcerpt(count, held)
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errCorrupt
	}
	if d.err != nil {
		return nil, d.err
	}
	return en, nil
}

// encodeIndex writes the file index (index.go), in the order of the paths.
func encodeIndex(prefix []byte, recs map[string]indexRecord) []byte {
	e := &encoder{b: prefix}
	paths := slices.Sorted(maps.Keys(recs))
	e.int(len(paths))
	for _, p := range paths {
		r := recs[p]
		e.str(p)
		e.u64(r.stat.id.dev)
		e.u64(r.stat.id.ino)
		e.u64(uint64(r.stat.id.ctime))
		e.u64(uint64(r.stat.size))
		e.u64(uint64(r.stat.mtime.UnixNano()))
		e.str(r.hash)
	}
	return e.b
}

func decodeIndex(b []byte) (map[string]indexRecord, error) {
	d := &decoder{b: b, all: string(b)}
	n := d.count()
	recs := make(map[string]indexRecord, n)
	for range n {
		p := d.str()
		var r indexRecord
		r.stat.id = fileID{dev: d.u64(), ino: d.u64(), ctime: int64(d.u64())}
		r.stat.size = int64(d.u64())
		r.stat.mtime = time.Unix(0, int64(d.u64()))
		r.stat.present = true
		r.hash = d.str()
		if d.err != nil {
			return nil, d.err
		}
		recs[p] = r
	}
	if len(d.b) != 0 {
		return nil, errCorrupt
	}
	return recs, nil
}

// encodePack writes a pack (pack.go): its entries in the order of their keys.
func encodePack(prefix []byte, entries map[Key][]byte) []byte {
	e := &encoder{b: prefix}
	keys := slices.SortedFunc(maps.Keys(entries), func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	e.int(len(keys))
	for _, k := range keys {
		e.b = append(e.b, k[:]...)
		e.str(string(entries[k]))
	}
	return e.b
}

// decodePack reads a pack; its entries are slices of b.
func decodePack(b []byte) (map[Key][]byte, error) {
	d := &decoder{b: b}
	n := d.count()
	entries := make(map[Key][]byte, n)
	for range n {
		if d.err != nil || len(d.b) < len(Key{}) {
			return nil, errCorrupt
		}
		k := Key(d.b[:len(Key{})])
		d.b = d.b[len(Key{}):]
		entries[k] = d.raw()
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return entries, nil
}
