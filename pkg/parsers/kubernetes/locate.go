package kubernetes

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// Locator maps pointers into an object's input to ranges of its manifest file.
type Locator struct {
	obj *Object
	src *model.Source
	id  string // kind/namespace/name, the basis of anchors
}

// NewLocator returns the locator of an object read from src.
func NewLocator(o *Object, src *model.Source) *Locator {
	return &Locator{obj: o, src: src, id: Identity(o)}
}

// Identity names an object for anchors and messages: Kind/namespace/name, or
// Kind#document when it has no name.
func Identity(o *Object) string {
	name := o.Name()
	if name == "" {
		name = "#" + strconv.Itoa(o.Doc)
		if o.Item >= 0 {
			name += "." + strconv.Itoa(o.Item)
		}
	}
	if ns := o.Namespace(); ns != "" {
		return o.Kind() + "/" + ns + "/" + name
	}
	return o.Kind() + "/" + name
}

// Locate returns the range of ptr. A pointer to a field that is not written (a missing
// securityContext) falls back to its nearest written ancestor; an ancestor that spans
// several lines is narrowed to its first line (the key, or the first line of a list
// item), so the range names a place rather than a whole block. The object itself is
// located at its metadata.name, or else its kind.
func (l *Locator) Locate(ptr string) model.Range {
	r, _ := l.locate(ptr)
	return r
}

// locate also reports whether ptr itself is written.
func (l *Locator) locate(ptr string) (model.Range, bool) {
	if ptr == "" {
		for _, p := range []string{"/metadata/name", "/kind"} {
			if e, ok := l.obj.Index().Lookup(p); ok {
				return e.Range, false
			}
		}
	}
	found, e := l.obj.Index().Nearest(ptr)
	r := e.Range
	if found != ptr || r.End.Line > r.Start.Line && e.Node != nil && e.Node.Kind != yaml.ScalarNode {
		r = firstLine(l.src, r)
	}
	if found == "" && ptr != "" {
		return l.locate("")
	}
	return r, found == ptr
}

// Exact reports whether the pointer is written in the file (not a fallback).
func (l *Locator) Exact(ptr string) bool {
	_, ok := l.locate(ptr)
	return ok
}

// firstLine narrows a range to its first line.
func firstLine(src *model.Source, r model.Range) model.Range {
	if r.End.Line == r.Start.Line {
		return r
	}
	end := src.LineEnd(r.Start.Line)
	line := src.Line(r.Start.Line)
	// Drop a trailing comment and spaces.
	if i := strings.Index(line, " #"); i >= 0 {
		end = min(end, utf8.RuneCountInString(line[:i])+1)
	}
	runes := []rune(line)
	for end > r.Start.Column+1 && end-2 < len(runes) && (runes[end-2] == ' ' || runes[end-2] == '\t') {
		end--
	}
	if end <= r.Start.Column {
		end = r.Start.Column + 1
	}
	return model.Range{Start: r.Start, End: model.Position{Line: r.Start.Line, Column: end}}
}

// File is the manifest itself.
func (l *Locator) File(string) string { return "" }

// Anchor is the object's identity and the pointer: stable when lines move.
func (l *Locator) Anchor(ptr string) string { return l.id + ptr }

// Context names the object, and the container a pointer is in.
func (l *Locator) Context(ptr string) string {
	return Describe(l.obj, ptr)
}

// Describe names an object and the container a pointer is in: "Deployment web,
// container app".
func Describe(o *Object, ptr string) string {
	s := o.Kind()
	if n := o.Name(); n != "" {
		s += " " + n
	}
	if c := containerAt(o, ptr); c != "" {
		s += ", " + c
	}
	return s
}

// containerAt names the container a pointer is inside ("container app",
// "init container setup"), or "".
func containerAt(o *Object, ptr string) string {
	path := PodSpecPath(o.Kind())
	if path == nil {
		return ""
	}
	prefix := pointer(path) + "/"
	if !strings.HasPrefix(ptr, prefix) {
		return ""
	}
	rest := strings.Split(strings.TrimPrefix(ptr, prefix), "/")
	if len(rest) < 2 {
		return ""
	}
	label := map[string]string{"containers": "container", "initContainers": "init container", "ephemeralContainers": "ephemeral container"}[rest[0]]
	if label == "" {
		return ""
	}
	i, err := strconv.Atoi(rest[1])
	if err != nil {
		return ""
	}
	list, _ := lookup(o.Value, append(append([]string{}, path...), rest[0])...).([]any)
	if i < 0 || i >= len(list) {
		return ""
	}
	name := str(lookup(list[i], "name"))
	if name == "" {
		return label + " " + strconv.Itoa(i)
	}
	return label + " " + name
}

// NodeStartingAt returns the outermost node of the object that starts on line: a
// mapping entry from its key to the end of its value, or a list item.
func (l *Locator) NodeStartingAt(file string, line int) (model.Range, bool) {
	if file != "" || l.obj.Node == nil {
		return model.Range{}, false
	}
	ptr, ok := startingAt(l.obj.Node, "", line, 0)
	if !ok {
		return model.Range{}, false
	}
	e, ok := l.obj.Index().Lookup(ptr)
	// A key written twice is indexed at its first line: the second has no range of
	// its own (Kubernetes rejects such a manifest anyway).
	if !ok || e.Range.Start.Line != line {
		return model.Range{}, false
	}
	return e.Range, true
}

// startingAt finds the pointer of the outermost entry whose key (or list item) is on
// line, searching breadth first by depth through the children that span the line.
func startingAt(n *yaml.Node, ptr string, line, depth int) (string, bool) {
	if depth > 256 || n == nil {
		return "", false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Line == line {
				return ptr + "/" + yamlpos.Escape(k.Value), true
			}
			if k.Line < line {
				if p, ok := startingAt(v, ptr+"/"+yamlpos.Escape(k.Value), line, depth+1); ok {
					return p, true
				}
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := ptr + "/" + strconv.Itoa(i)
			if c.Line == line {
				return p, true
			}
			if c.Line < line {
				if q, ok := startingAt(c, p, line, depth+1); ok {
					return q, true
				}
			}
		}
	}
	return "", false
}
