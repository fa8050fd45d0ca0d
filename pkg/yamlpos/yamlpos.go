// Package yamlpos indexes a YAML document's nodes by JSON Pointer, so a finding about
// /services/db/image or /spec/template/spec/containers/0/securityContext can be mapped to
// the exact lines and columns where it is written. It is shared by the Compose,
// Kubernetes and Helm parsers.
package yamlpos

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
)

// Entry is what the index knows about one pointer.
type Entry struct {
	// Range spans the entry: for a mapping value, from its key to the end of the value;
	// for a sequence item, the item.
	Range model.Range
	// Key is the range of the mapping key alone (zero for sequence items and the root).
	Key model.Range
	// Node is the value node.
	Node *yaml.Node
}

// Index maps JSON Pointers to entries.
type Index struct {
	src     *model.Source
	entries map[string]Entry
	budget  int
	// runes caches the code points of the lines Build reads, so the scalars of a long
	// line (a minified JSON document) do not each decode the whole line again.
	runes map[int][]rune
}

// maxEntries bounds the work an index may do, so a document of aliases that expands
// exponentially ("billion laughs") cannot make indexing hang.
const maxEntries = 1 << 20

// maxDepth bounds nesting.
const maxDepth = 256

// Build indexes the document node (or any content node) of src. Merge keys (`<<: *base`)
// are followed so the merged keys have positions (those of the anchor's entries); other
// aliases are not expanded.
func Build(root *yaml.Node, src *model.Source) *Index {
	ix := &Index{src: src, entries: map[string]Entry{}, budget: maxEntries, runes: map[int][]rune{}}
	if root == nil {
		return ix
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	ix.walk(root, "", model.Range{}, 0)
	ix.runes = nil
	return ix
}

// Escape escapes one JSON Pointer token (~ → ~0, / → ~1).
func Escape(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}

// Pointer joins tokens into a JSON Pointer.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

func (ix *Index) walk(n *yaml.Node, ptr string, key model.Range, depth int) {
	if ix.budget <= 0 || depth > maxDepth {
		return
	}
	ix.budget--
	value := ix.nodeRange(n, depth)
	r := value
	if key.Valid() {
		r = ix.fix(model.Range{Start: key.Start, End: value.End})
	}
	if _, exists := ix.entries[ptr]; !exists {
		ix.entries[ptr] = Entry{Range: r, Key: key, Node: n}
	}
	switch n.Kind {
	case yaml.MappingNode:
		var merges []*yaml.Node
		last := lastOccurrence(n)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" && k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if last != nil && last[k.Value] != i {
				continue // written again below: the decoded value is the last one
			}
			ix.walk(v, ptr+"/"+Escape(k.Value), ix.scalarRange(k), depth+1)
		}
		// Keys written in the mapping win over merged ones: walk merges last.
		for _, m := range merges {
			ix.merge(m, ptr, depth+1)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			ix.walk(item, ptr+"/"+strconv.Itoa(i), model.Range{}, depth+1)
		}
	}
}

func (ix *Index) merge(m *yaml.Node, ptr string, depth int) {
	switch m.Kind {
	case yaml.AliasNode:
		if m.Alias != nil && m.Alias.Kind == yaml.MappingNode {
			ix.walkMappingEntries(m.Alias, ptr, depth)
		}
	case yaml.SequenceNode:
		for _, item := range m.Content {
			ix.merge(item, ptr, depth)
		}
	case yaml.MappingNode:
		ix.walkMappingEntries(m, ptr, depth)
	}
}

func (ix *Index) walkMappingEntries(n *yaml.Node, ptr string, depth int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ix.walk(v, ptr+"/"+Escape(k.Value), ix.scalarRange(k), depth+1)
	}
}

// Lookup returns the entry at ptr.
func (ix *Index) Lookup(ptr string) (Entry, bool) {
	e, ok := ix.entries[ptr]
	return e, ok
}

// Nearest returns the entry of ptr or of its nearest ancestor that is in the index
// (a finding about a missing field points at the object that lacks it), with the pointer
// that was found.
func (ix *Index) Nearest(ptr string) (string, Entry) {
	for p := ptr; ; p = Parent(p) {
		if e, ok := ix.entries[p]; ok {
			return p, e
		}
		if p == "" {
			return "", Entry{Range: ix.src.LineRange(1, 1)}
		}
	}
}

// Parent drops the last token of a pointer.
func Parent(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return ""
	}
	return p[:i]
}

// nodeRange is the range a node's text covers in the source.
func (ix *Index) nodeRange(n *yaml.Node, depth int) model.Range {
	switch n.Kind {
	case yaml.ScalarNode, yaml.AliasNode:
		return ix.scalarRange(n)
	case yaml.MappingNode, yaml.SequenceNode:
		start := model.Position{Line: max(n.Line, 1), Column: max(n.Column, 1)}
		last := lastLine(n, depth)
		end := model.Position{Line: last, Column: ix.src.LineEnd(last)}
		if n.Style&yaml.FlowStyle != 0 && n.Line == last {
			end.Column = flowEnd(ix.line(n.Line), n.Column)
		}
		return ix.fix(model.Range{Start: start, End: end})
	}
	return ix.fix(ix.src.LineRange(max(n.Line, 1), max(n.Line, 1)))
}

// scalarRange is the range of a scalar as written: quotes included, trailing comment
// excluded; a block scalar (| or >) spans its lines.
func (ix *Index) scalarRange(n *yaml.Node) model.Range {
	line := max(n.Line, 1)
	col := max(n.Column, 1)
	start := model.Position{Line: line, Column: col}
	text := ix.line(line)
	from := min(col-1, len(text))
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		last := line + strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
		last = min(last, ix.src.LineCount())
		return ix.fix(model.Range{Start: start, End: model.Position{Line: last, Column: ix.src.LineEnd(last)}})
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && from < len(text):
		q := text[from]
		for i := from + 1; i < len(text); i++ {
			if text[i] == '\\' && q == '"' {
				i++
				continue
			}
			if text[i] == q {
				if q == '\'' && i+1 < len(text) && text[i+1] == '\'' {
					i++
					continue
				}
				return ix.fix(model.Range{Start: start, End: model.Position{Line: line, Column: i + 2}})
			}
		}
		// A quoted scalar continued on later lines: to the end of this line.
		return ix.fix(model.Range{Start: start, End: model.Position{Line: line, Column: len(text) + 1}})
	}
	// Plain scalar: its value's length when the text matches, else up to a comment.
	v := []rune(n.Value)
	if n.Kind == yaml.AliasNode {
		v = append([]rune{'*'}, []rune(n.Value)...)
	}
	if from+len(v) <= len(text) && string(text[from:from+len(v)]) == string(v) && len(v) > 0 {
		return ix.fix(model.Range{Start: start, End: model.Position{Line: line, Column: col + len(v)}})
	}
	end := len(text)
	for i := from; i+1 < len(text); i++ {
		if text[i] == ' ' && text[i+1] == '#' {
			end = i
			break
		}
	}
	for end > from && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	return ix.fix(model.Range{Start: start, End: model.Position{Line: line, Column: end + 1}})
}

// lastLine is the last line a node's content reaches.
func lastLine(n *yaml.Node, depth int) int {
	last := n.Line
	if depth > maxDepth {
		return last
	}
	for _, c := range n.Content {
		l := c.Line
		if c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode {
			l = lastLine(c, depth+1)
		} else if c.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			l = c.Line + strings.Count(strings.TrimRight(c.Value, "\n"), "\n") + 1
		}
		last = max(last, l)
	}
	return last
}

// line returns the code points of line n, decoded once per Build.
func (ix *Index) line(n int) []rune {
	if r, ok := ix.runes[n]; ok {
		return r
	}
	r := []rune(ix.src.Line(n))
	if ix.runes != nil {
		ix.runes[n] = r
	}
	return r
}

// flowEnd finds the bracket that closes a one-line flow collection starting at col.
func flowEnd(runes []rune, col int) int {
	depth := 0
	for i := max(col-1, 0); i < len(runes); i++ {
		switch runes[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 2
			}
		}
	}
	return len(runes) + 1
}

// fix keeps a range inside the text: lines and columns the YAML parser reports past
// its end (an empty document after a final `---`) are pinned to the last place there
// is, and a range that would end before it starts (an empty value) gets the character
// at its start, or none at the end of a line.
func (ix *Index) fix(r model.Range) model.Range {
	last := max(ix.src.LineCount(), 1)
	pin := func(p model.Position) model.Position {
		p.Line = min(max(p.Line, 1), last)
		p.Column = min(max(p.Column, 1), ix.src.LineEnd(p.Line))
		return p
	}
	r.Start, r.End = pin(r.Start), pin(r.End)
	if r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Column <= r.Start.Column) {
		r.End = r.Start
		if r.Start.Column < ix.src.LineEnd(r.Start.Line) {
			r.End.Column++
		}
	}
	return r
}

// lastOccurrence maps each key of a mapping that writes a key twice to the index of
// its last occurrence in Content; it is nil (and costs nothing) for the usual mapping
// without duplicates.
func lastOccurrence(n *yaml.Node) map[string]int {
	keys := len(n.Content) / 2
	dup := false
	if keys <= 16 {
		for i := 0; i+1 < len(n.Content) && !dup; i += 2 {
			for j := i + 2; j+1 < len(n.Content); j += 2 {
				if n.Content[i].Value == n.Content[j].Value {
					dup = true
					break
				}
			}
		}
		if !dup {
			return nil
		}
	}
	last := make(map[string]int, keys)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if _, ok := last[n.Content[i].Value]; ok {
			dup = true
		}
		last[n.Content[i].Value] = i
	}
	if !dup {
		return nil
	}
	return last
}
