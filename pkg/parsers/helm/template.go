package helm

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/infralint/infralint/pkg/model"
)

// template is a chart template's text, read line by line for the YAML it will produce.
// Templates mostly mirror their output: a key written in the template is on its own
// line, indented as in the output. The mapping from a rendered object's JSON Pointer
// to a template line relies on that and nothing else.
type template struct {
	path  string // as findings report it
	src   *model.Source
	lines []tline
	// regions are the line ranges between `---` separators that hold YAML.
	regions [][2]int
}

// tline is what a template line means for the YAML structure.
type tline struct {
	indent int    // leading spaces
	yaml   bool   // carries YAML text (not blank, not a comment, not only template actions)
	dash   bool   // a list item: "- …"
	key    string // the literal mapping key written on the line ("" if none)
	keyCol int    // 0-based column of the key (or of the text after the dash)
	action bool   // holds a template action
	rng    bool   // opens a range loop
}

var rangeRe = regexp.MustCompile(`\{\{-?\s*range\b`)

// actionOnly reports whether a line (no newline in it) is nothing but template
// actions: the regular
// expression ^(?:\{\{.*?\}\}\s*)+$ (actionOnlyRe in the tests), written out. Since
// `.*?` may span "}} {{", that is a line that starts with "{{" and ends with "}}" and
// white space; the expression backtracked over every long action line of every template
// of a chart, a third of the time to read them.
func actionOnly(line string) bool {
	return strings.HasPrefix(line, "{{") && strings.HasSuffix(strings.TrimRight(line, " \t\n\f\r"), "}}")
}

func newTemplate(path string, data []byte) *template {
	t := &template{path: path, src: model.NewSource(data)}
	n := t.src.LineCount()
	t.lines = make([]tline, n)
	start := 0
	for i := range n {
		text := t.src.Line(i + 1)
		l := tline{}
		trimmed := strings.TrimLeft(text, " ")
		l.indent = len(text) - len(trimmed)
		trimmed = strings.TrimRight(trimmed, " \t")
		l.action = strings.Contains(trimmed, "{{")
		// The substring tests below are what each expression needs to match: a chart has
		// thousands of lines, and most would otherwise run every expression.
		l.rng = l.action && strings.Contains(trimmed, "range") && rangeRe.MatchString(trimmed)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case trimmed == "---" || strings.HasPrefix(trimmed, "--- ") && l.indent == 0:
			t.addRegion(start, i)
			start = i + 1
		case actionOnly(trimmed):
		default:
			l.yaml = true
			rest := trimmed
			col := l.indent
			if rest == "-" || strings.HasPrefix(rest, "- ") {
				l.dash = true
				r2 := strings.TrimLeft(rest[1:], " ")
				col += len(rest) - len(r2)
				rest = r2
			}
			l.keyCol = utf8.RuneCountInString(text[:min(col, len(text))])
			l.key, _ = literalKey(rest)
		}
		t.lines[i] = l
	}
	t.addRegion(start, n)
	return t
}

// literalKey reads the literal key text starts with: a plain word or a quoted string
// without braces, then ":" and a space or the end of the line. It is the regular
// expression ^(?:"([^"{}]*)"|'([^'{}]*)'|([^\s:{}#"'\[\]][^:{}#]*?))\s*:(?:\s|$)
// (keyRe in the tests), written out: run on every line of every template of a chart,
// the expression took most of the time to index them.
func literalKey(text string) (string, bool) {
	if text == "" {
		return "", false
	}
	var key, after string
	switch q := text[0]; {
	case q == '"' || q == '\'':
		end := strings.IndexByte(text[1:], q)
		if end < 0 {
			return "", false
		}
		key, after = text[1:1+end], text[2+end:]
		if strings.ContainsAny(key, "{}") {
			return "", false
		}
	case isSpace(q) || strings.IndexByte(":{}#[]", q) >= 0:
		return "", false
	default:
		colon := strings.IndexByte(text, ':')
		if colon < 0 || strings.ContainsAny(text[1:colon], "{}#") {
			return "", false
		}
		key, after = strings.TrimRight(text[:colon], " \t\n\f\r"), text[colon:]
	}
	after = strings.TrimLeft(after, " \t\n\f\r")
	if after == "" || after[0] != ':' || len(after) > 1 && !isSpace(after[1]) {
		return "", false
	}
	return key, true
}

// isSpace is \s of Go's regular expressions.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func (t *template) addRegion(start, end int) {
	for i := start; i < end; i++ {
		if t.lines[i].yaml {
			t.regions = append(t.regions, [2]int{start, end})
			return
		}
	}
}

// region picks the template lines that produced the doc-th document of the template's
// output, whose kind is kind and which is the rank-th object of that kind in it.
func (t *template) region(doc, docs int, kind string, rank int) [2]int {
	if len(t.regions) == docs && doc < len(t.regions) {
		return t.regions[doc]
	}
	var withKind [][2]int
	for _, r := range t.regions {
		for i := r[0]; i < r[1]; i++ {
			l := t.lines[i]
			if l.key == "kind" && strings.TrimSpace(strings.Trim(strings.TrimSpace(afterKey(t.src.Line(i+1))), `"'`)) == kind {
				withKind = append(withKind, r)
				break
			}
		}
	}
	if len(withKind) > 0 {
		return withKind[min(rank, len(withKind)-1)]
	}
	if len(t.regions) == 1 {
		return t.regions[0]
	}
	return [2]int{0, len(t.lines)}
}

func afterKey(line string) string {
	_, v, _ := strings.Cut(line, ":")
	return v
}

// scope is a block of lines whose children are looked up: lines [start, end), the
// children at indent (-1: the smallest indent in the block), and first, the list item
// line whose own key is the first child (-1 if none).
type scope struct {
	start, end, indent, first int
}

func (t *template) childIndent(s scope) int {
	if s.indent >= 0 {
		return s.indent
	}
	ind := -1
	for i := s.start; i < s.end; i++ {
		if l := t.lines[i]; l.yaml && (ind < 0 || l.indent < ind) {
			ind = l.indent
		}
	}
	return ind
}

// findKey returns the line of a key among the children of s, or -1.
func (t *template) findKey(s scope, key string) int {
	if s.first >= 0 && t.lines[s.first].key == key {
		return s.first
	}
	ci := t.childIndent(s)
	for i := s.start; i < s.end; i++ {
		if l := t.lines[i]; l.yaml && !l.dash && l.indent == ci && l.key == key {
			return i
		}
	}
	return -1
}

// valueScope is the block of the value of the key on line i, within limit.
func (t *template) valueScope(i, limit int) scope {
	p := t.lines[i].keyCol
	j := i + 1
	for ; j < limit; j++ {
		if l := t.lines[j]; l.yaml && (l.indent < p || l.indent == p && !l.dash) {
			break
		}
	}
	return scope{start: i + 1, end: j, indent: -1, first: -1}
}

// findItem returns the line of the k-th list item among the children of s, or -1.
// When the template has fewer items than the output and the block holds a range
// loop, the items come from the loop: the last item written is the loop's.
func (t *template) findItem(s scope, k int) int {
	var items []int
	ind := -1
	loop := false
	for i := s.start; i < s.end; i++ {
		l := t.lines[i]
		loop = loop || l.rng
		if !l.yaml || !l.dash {
			continue
		}
		switch {
		case ind < 0 || l.indent < ind:
			ind = l.indent
			items = []int{i}
		case l.indent == ind:
			items = append(items, i)
		}
	}
	if k < len(items) {
		return items[k]
	}
	if loop && len(items) > 0 {
		return items[len(items)-1]
	}
	return -1
}

// itemScope is the block of the list item on line i, within limit.
func (t *template) itemScope(i, limit int) scope {
	d := t.lines[i].indent
	j := i + 1
	for ; j < limit; j++ {
		if l := t.lines[j]; l.yaml && l.indent <= d {
			break
		}
	}
	s := scope{start: i + 1, end: j, indent: -1, first: -1}
	if t.lines[i].key != "" {
		s.first = i
		s.indent = t.lines[i].keyCol
	}
	return s
}

// match is where a pointer was found in a template.
type match struct {
	line    int   // 0-based line of the deepest token found; -1 if none
	matched int   // tokens found
	block   scope // the block of the deepest token's value
}

// follow finds the pointer's tokens key by key in the region, guided by the rendered
// value (to tell list indexes from keys). It stops at the deepest token found.
func (t *template) follow(region [2]int, value any, tokens []string) match {
	s := scope{start: region[0], end: region[1], indent: -1, first: -1}
	m := match{line: -1, block: s}
	cur := value
	for _, tok := range tokens {
		switch v := cur.(type) {
		case []any:
			k, err := strconv.Atoi(tok)
			if err != nil || k < 0 || k >= len(v) {
				return m
			}
			i := t.findItem(s, k)
			if i < 0 {
				return m
			}
			s = t.itemScope(i, s.end)
			cur = v[k]
			m.line = i
		case map[string]any:
			i := t.findKey(s, tok)
			if i < 0 {
				return m
			}
			s = t.valueScope(i, s.end)
			cur = v[tok]
			m.line = i
		default:
			return m
		}
		m.matched++
		m.block = s
	}
	return m
}

// lineRange is the range of line i (0-based) from its key, or from its text after the
// dash, to its end.
func (t *template) lineRange(i int) model.Range {
	n := i + 1
	text := t.src.Line(n)
	start := t.lines[i].keyCol + 1
	if !t.lines[i].yaml {
		start = t.lines[i].indent + 1
	}
	end := utf8.RuneCountInString(strings.TrimRight(text, " \t")) + 1
	if end <= start {
		end = start + 1
	}
	return model.Range{Start: model.Position{Line: n, Column: start}, End: model.Position{Line: n, Column: end}}
}

// firstYAMLLine is the first line of a region that carries YAML.
func (t *template) firstYAMLLine(region [2]int) int {
	for i := region[0]; i < region[1]; i++ {
		if t.lines[i].yaml {
			return i
		}
	}
	return max(region[0], 0)
}

// nodeAt is the range of the key (or list item) on line (1-based) and its value block.
func (t *template) nodeAt(line int) (model.Range, bool) {
	i := line - 1
	if i < 0 || i >= len(t.lines) || !t.lines[i].yaml {
		return model.Range{}, false
	}
	l := t.lines[i]
	var s scope
	if l.dash {
		s = t.itemScope(i, len(t.lines))
	} else {
		s = t.valueScope(i, len(t.lines))
	}
	last := i
	for j := s.start; j < s.end; j++ {
		if t.lines[j].yaml || t.lines[j].action {
			last = j
		}
	}
	start := l.indent + 1
	return model.Range{Start: model.Position{Line: line, Column: start}, End: model.Position{Line: last + 1, Column: t.src.LineEnd(last + 1)}}, true
}

var (
	valuesRef = regexp.MustCompile(`\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)`)
	withRe    = regexp.MustCompile(`\{\{-?\s*with\s+\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\s*-?\}\}`)
	openRe    = regexp.MustCompile(`\{\{-?\s*(if|with|range|define|block)\b`)
	endRe     = regexp.MustCompile(`\{\{-?\s*end\b`)
	dotUse    = regexp.MustCompile(`(?:toYaml|toJson|tpl)\s+\.\s*[|}\-)]|\{\{-?\s*\.\s*[|}\-]`)
)

// valuesPaths reads the .Values references of a line: each a list of keys.
func valuesPaths(line string) [][]string {
	var out [][]string
	for _, m := range valuesRef.FindAllStringSubmatch(line, -1) {
		out = append(out, strings.Split(strings.TrimPrefix(m[1], "."), "."))
	}
	return out
}

// withAt returns the .Values path the dot stands for at line i (0-based), from the
// innermost enclosing `with .Values.x` that opens in region, or nil.
func (t *template) withAt(region [2]int, i int) []string {
	type open struct {
		kind string
		with []string
	}
	var stack []open
	for j := region[0]; j < i && j < len(t.lines); j++ {
		if !t.lines[j].action {
			continue
		}
		text := t.src.Line(j + 1)
		// Actions in order of appearance on the line.
		for _, a := range actionsOf(text) {
			switch {
			case endRe.MatchString(a):
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case openRe.MatchString(a):
				o := open{kind: openRe.FindStringSubmatch(a)[1]}
				if m := withRe.FindStringSubmatch(a); m != nil {
					o.with = strings.Split(strings.TrimPrefix(m[1], "."), ".")
				}
				stack = append(stack, o)
			}
		}
	}
	for k := len(stack) - 1; k >= 0; k-- {
		switch stack[k].kind {
		case "with":
			return stack[k].with // nil when the with is not over .Values
		case "range", "define", "block":
			return nil
		}
	}
	return nil
}

var actionRe = regexp.MustCompile(`\{\{.*?\}\}`)

func actionsOf(line string) []string { return actionRe.FindAllString(line, -1) }

var (
	defineRe  = regexp.MustCompile(`\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}`)
	includeRe = regexp.MustCompile(`\{\{-?\s*(?:include|template)\s+"([^"]+)"`)
)

// defines finds the named templates ({{ define "name" }} … {{ end }}) of a template
// file, as regions of its lines.
func (t *template) defines() map[string][2]int {
	out := map[string][2]int{}
	for i := range t.lines {
		if !t.lines[i].action {
			continue
		}
		line := t.src.Line(i + 1)
		if !strings.Contains(line, "define") {
			continue
		}
		m := defineRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		depth := 0
		for j := i + 1; j < len(t.lines); j++ {
			if !t.lines[j].action {
				continue
			}
			done := false
			for _, a := range actionsOf(t.src.Line(j + 1)) {
				switch {
				case endRe.MatchString(a):
					if depth == 0 {
						done = true
					}
					depth--
				case openRe.MatchString(a):
					depth++
				}
			}
			if done {
				out[m[1]] = [2]int{i + 1, j}
				break
			}
		}
	}
	return out
}

// includesIn lists the templates included by the action lines of a block, in order
// ({{- include "x.podSpec" . | nindent 6 }}).
func (t *template) includesIn(s scope) []string {
	var out []string
	for i := s.start; i < s.end && i < len(t.lines); i++ {
		if l := t.lines[i]; l.yaml || !l.action {
			continue
		}
		for _, m := range includeRe.FindAllStringSubmatch(t.src.Line(i+1), -1) {
			out = append(out, m[1])
		}
	}
	return out
}
