package cache

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"

	"github.com/infralint/infralint/pkg/model"
)

// The entry encoding: varints and length-prefixed strings, in the order of the
// fields below. It is three times as fast to decode as gob, which compiles a decoder
// for every entry's stream, and smaller; encode_test.go fails when a field is added to
// a type it writes, so a new field cannot be lost silently.

type encoder struct{ b []byte }

func (e *encoder) int(n int)      { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) str(s string)   { e.int(len(s)); e.b = append(e.b, s...) }
func (e *encoder) bytes(s []byte) { e.int(len(s)); e.b = append(e.b, s...) }
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
		e.str(f.RuleID)
		e.int(int(f.Severity))
		e.str(f.Category)
		e.str(f.HelpURI)
		e.str(f.Message)
		e.str(f.File)
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
			e.str(l.File)
			e.rng(l.Range)
			e.str(l.Message)
		}
	}
}

func (e *encoder) errors(es []model.FileError) {
	e.int(len(es))
	for _, fe := range es {
		e.str(fe.File)
		e.bool(fe.Range != nil)
		if fe.Range != nil {
			e.rng(*fe.Range)
		}
		e.str(fe.Message)
	}
}

func encodeEntry(prefix []byte, en *Entry) []byte {
	e := &encoder{b: prefix}
	e.int(len(en.Deps))
	for _, d := range en.Deps {
		e.str(d.Kind)
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
		e.str(p)
		e.bytes(en.Sources[p])
	}
	return e.b
}

var errCorrupt = errors.New("corrupt cache entry")

type decoder struct {
	b   []byte
	err error
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

func (d *decoder) str() string { return string(d.raw()) }

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
		f.RuleID = d.str()
		f.Severity = model.Severity(d.int())
		f.Category = d.str()
		f.HelpURI = d.str()
		f.Message = d.str()
		f.File = d.str()
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
			f.Related = append(f.Related, model.Location{File: d.str(), Range: d.rng(), Message: d.str()})
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
		fe := model.FileError{File: d.str()}
		if d.bool() {
			r := d.rng()
			fe.Range = &r
		}
		fe.Message = d.str()
		es = append(es, fe)
	}
	return es
}

func decodeEntry(b []byte) (*Entry, error) {
	d := &decoder{b: b}
	en := &Entry{}
	n := d.count()
	en.Deps = make([]Dep, 0, n)
	for range n {
		en.Deps = append(en.Deps, Dep{Kind: d.str(), Path: d.str(), Hash: d.str()})
	}
	en.Findings = d.findings()
	en.Suppressed = d.findings()
	en.Errors = d.errors()
	en.Warnings = d.errors()
	n = d.count()
	en.Sources = make(map[string][]byte, n)
	for range n {
		p := d.str()
		en.Sources[p] = d.raw()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errCorrupt
	}
	if d.err != nil {
		return nil, d.err
	}
	return en, nil
}
