package compose

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// target is where a pointer of the input is written: a file and a range in it, with
// the raw pointer it was found at (empty for env file lines).
type target struct {
	file int
	ptr  string
	rng  model.Range
}

// locator maps the pointers of the Compose input to the files and lines that set
// them. Pointers into the merged model (/services/db/image) are bound while the input
// is built, by looking each one up in the files that define it, highest priority
// first; pointers into a raw file (/files/2/raw/services/db) are looked up in that
// file's index. A pointer that is not bound falls back to its nearest bound ancestor:
// a finding about a missing field points at the object that lacks it.
type locator struct {
	files []*srcFile
	binds map[string]target
	vars  []Variable
	env   *environ
}

func (l *locator) bind(ptr string, t target) {
	if _, ok := l.binds[ptr]; !ok {
		l.binds[ptr] = t
	}
}

// bound is true when ptr has its own binding.
func (l *locator) bound(ptr string) bool {
	_, ok := l.binds[ptr]
	return ok
}

func (l *locator) resolve(ptr string) target {
	if fi, raw, ok := splitRaw(ptr); ok && fi < len(l.files) {
		f := l.files[fi]
		if f.idx == nil {
			return target{file: fi, rng: f.src.LineRange(1, 1)}
		}
		found, _ := f.idx.Nearest(raw)
		if found == "" {
			return target{file: fi, rng: f.src.LineRange(1, 1)}
		}
		return target{file: fi, ptr: found, rng: nodeRange(f.idx, raw)}
	}
	for p := ptr; ; p = yamlpos.Parent(p) {
		if t, ok := l.binds[p]; ok {
			return t
		}
		if p == "" {
			return target{file: 0, rng: l.files[0].src.LineRange(1, 1)}
		}
	}
}

// splitRaw reads /files/<n>/raw<ptr> and /files/<n>.
func splitRaw(ptr string) (int, string, bool) {
	rest, ok := strings.CutPrefix(ptr, "/files/")
	if !ok {
		return 0, "", false
	}
	num, tail, _ := strings.Cut(rest, "/")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return 0, "", false
	}
	if tail == "" {
		return n, "", true
	}
	raw, ok := strings.CutPrefix("/"+tail, "/raw")
	if !ok {
		return n, "", true
	}
	return n, raw, true
}

// Locate returns the range of ptr or of its nearest bound ancestor.
func (l *locator) Locate(ptr string) model.Range { return l.resolve(ptr).rng }

// File returns the file the range is in.
func (l *locator) File(ptr string) string { return l.files[l.resolve(ptr).file].display }

// Anchor identifies a finding across edits: the pointer into the model, which does not
// change when lines are added; for a pointer into a raw file, the pointer inside that
// file (the file is part of the fingerprint already, and its index in the input moves
// when a file is added to the project).
func (l *locator) Anchor(ptr string) string {
	if _, raw, ok := splitRaw(ptr); ok {
		return "raw:" + raw
	}
	return ptr
}

// Context names the service a pointer is in and, for a value written with variables,
// where each variable's value was set.
func (l *locator) Context(ptr string) string {
	var parts []string
	if rest, ok := strings.CutPrefix(ptr, "/services/"); ok {
		name, _, _ := strings.Cut(rest, "/")
		parts = append(parts, "service "+unescape(name))
	}
	t := l.resolve(ptr)
	f := l.files[t.file]
	if n := f.lookup(t.ptr); n != nil && n.Kind == yaml.ScalarNode && f.env != nil && hasVars(n.Value) {
		var vars []string
		for _, u := range scanUses(n.Value, f.env.lookup, 0) {
			if loc, ok := f.env.from[u.name]; ok && u.set {
				vars = append(vars, fmt.Sprintf("%s from %s:%d", u.name, l.files[loc.file].display, loc.line))
			} else if !u.set && u.hasDefault() {
				vars = append(vars, u.name+" not set: default used")
			} else if !u.set {
				vars = append(vars, u.name+" not set")
			}
		}
		sort.Strings(vars)
		if len(vars) > 0 {
			parts = append(parts, strings.Join(vars, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// NodeStartingAt returns the outermost YAML node that starts on a line of a file, for
// inline suppressions.
func (l *locator) NodeStartingAt(file string, line int) (model.Range, bool) {
	for i, f := range l.files {
		if (file == "" && i != 0) || (file != "" && f.display != file) {
			continue
		}
		if f.doc == nil {
			if line >= 1 && line <= f.src.LineCount() {
				return f.src.LineRange(line, line), true
			}
			return model.Range{}, false
		}
		return startingAt(f, f.doc, "", line, 0)
	}
	return model.Range{}, false
}

func startingAt(f *srcFile, n *yaml.Node, ptr string, line, depth int) (model.Range, bool) {
	if depth > 64 || n == nil {
		return model.Range{}, false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := ptr + "/" + escape(k.Value)
			// A key written twice is indexed at its first line only.
			if k.Line == line {
				if e, ok := f.idx.Lookup(p); ok && e.Range.Start.Line == line {
					return e.Range, true
				}
			}
			if k.Line < line {
				if r, ok := startingAt(f, v, p, line, depth+1); ok {
					return r, true
				}
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s/%d", ptr, i)
			if c.Line == line {
				if e, ok := f.idx.Lookup(p); ok && e.Range.Start.Line == line {
					return e.Range, true
				}
			}
			if r, ok := startingAt(f, c, p, line, depth+1); ok {
				return r, true
			}
		}
	}
	return model.Range{}, false
}
