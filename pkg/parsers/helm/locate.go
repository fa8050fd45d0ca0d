package helm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// locator maps pointers into a rendered object to its template's lines, and to the
// values file lines that supplied the value.
type locator struct {
	obj     *kubernetes.Object
	tpl     *template
	region  [2]int
	defines map[string]define
	set     string
	values  []scopedValues
	id      string

	mu    sync.Mutex
	cache map[string]*located
}

type located struct {
	file    string
	r       model.Range
	context string
	related []model.Location
}

// ContextPrefix starts the Context of every rendered object's finding; pkg/lint merges
// the findings that several values sets share into one that lists them.
const ContextPrefix = "values set "

// Locate returns the range in the template.
func (l *locator) Locate(ptr string) model.Range { return l.get(ptr).r }

// File is the template, or the template that defines the named template (include)
// the pointer's key is written in.
func (l *locator) File(ptr string) string { return l.get(ptr).file }

// Anchor is the template, the object and the pointer: the same under every values
// set, so that findings shared by sets have one fingerprint.
func (l *locator) Anchor(ptr string) string { return l.tpl.path + "#" + l.id + ptr }

// Context is "values set prod; Deployment web, container app; …".
func (l *locator) Context(ptr string) string { return l.get(ptr).context }

// Related are the values file lines behind the value.
func (l *locator) Related(ptr string) []model.Location { return l.get(ptr).related }

// NodeStartingAt is the key on the template line with its block.
func (l *locator) NodeStartingAt(file string, line int) (model.Range, bool) {
	if file == "" || file == l.tpl.path {
		return l.tpl.nodeAt(line)
	}
	for _, d := range l.defines {
		if d.tpl.path == file {
			return d.tpl.nodeAt(line)
		}
	}
	return model.Range{}, false
}

func (l *locator) get(ptr string) *located {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v, ok := l.cache[ptr]; ok {
		return v
	}
	if l.cache == nil {
		l.cache = map[string]*located{}
	}
	v := l.compute(ptr)
	l.cache[ptr] = v
	return v
}

func tokensOf(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return parts
}

// present counts the leading tokens of the path that exist in the rendered value.
func present(v any, tokens []string) int {
	n := 0
	for _, t := range tokens {
		switch x := v.(type) {
		case map[string]any:
			c, ok := x[t]
			if !ok {
				return n
			}
			v = c
		case []any:
			k, err := strconv.Atoi(t)
			if err != nil || k < 0 || k >= len(x) {
				return n
			}
			v = x[k]
		default:
			return n
		}
		n++
	}
	return n
}

func (l *locator) compute(ptr string) *located {
	target := ptr
	if ptr == "" {
		target = "/kind"
		if md, ok := l.obj.Value["metadata"].(map[string]any); ok {
			if _, ok := md["name"]; ok {
				target = "/metadata/name"
			}
		}
	}
	tokens := tokensOf(target)
	exist := present(l.obj.Value, tokens)
	tpl, region, m, rest := l.follow(tokens[:exist])
	out := &located{file: tpl.path}
	parts := []string{ContextPrefix + l.set, kubernetes.Describe(l.obj, ptr)}
	var note string
	if m.line < 0 {
		out.file = l.tpl.path
		out.r = l.tpl.lineRange(l.tpl.firstYAMLLine(l.region))
		note = "not written as such in the template (include or toYaml): located at the object's first line"
	} else {
		out.r = tpl.lineRange(m.line)
		if m.matched < len(rest) {
			how := "is written by include or toYaml"
			if flowLine(tpl.src.Line(m.line + 1)) {
				how = "is inside a flow collection ({...} or [...]) on this line"
			}
			note = fmt.Sprintf("%s %s: located at the nearest key in the template", yamlpos.Pointer(rest[m.matched:]...), how)
		}
	}
	if m.line >= 0 {
		for _, vp := range l.valuesPaths(tpl, region, m, rest) {
			if loc, desc := l.lookupValue(vp); loc != nil {
				out.related = append(out.related, *loc)
				parts = append(parts, desc)
			}
			if len(out.related) == 3 {
				break
			}
		}
	}
	if note != "" {
		parts = append(parts, note)
	}
	out.context = strings.Join(parts, "; ")
	return out
}

// valuesPaths are the .Values keys that may have supplied the value at the match:
// references on the line itself; when the rest of the path is produced by toYaml of
// .Values.x (directly, or through `with .Values.x` and `toYaml .`), x and the rest of
// the path.
func (l *locator) valuesPaths(t *template, region [2]int, m match, tokens []string) [][]string {
	line := t.src.Line(m.line + 1)
	rest := tokens[m.matched:]
	var out [][]string
	if len(rest) == 0 {
		out = valuesPaths(line)
		if len(out) == 0 && dotUse.MatchString(line) {
			if w := t.withAt(region, m.line); w != nil {
				out = append(out, w)
			}
		}
		return out
	}
	// Deeper keys come from the block under the key: toYaml .Values.x, or toYaml . in
	// a with.
	for i := m.block.start; i < m.block.end; i++ {
		if !t.lines[i].action {
			continue
		}
		text := t.src.Line(i + 1)
		for _, p := range valuesPaths(text) {
			out = append(out, append(p, rest...))
		}
		if len(out) == 0 && dotUse.MatchString(text) {
			w := t.withAt(region, i)
			if w != nil {
				out = append(out, append(append([]string{}, w...), rest...))
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	// A toYaml on the key's own line (key: {{ toYaml .Values.x }}) supplies the deeper
	// keys; other references on the line (a flow collection) supply scalars in it.
	for _, p := range valuesPaths(line) {
		if serialises.MatchString(line) {
			p = append(p, rest...)
		}
		out = append(out, p)
	}
	return out
}

// serialises matches a template action that writes a value as YAML or JSON text.
var serialises = regexp.MustCompile(`\b(toYaml|toJson|toPrettyJson|toRawJson|mustToJson)\b`)

// flowLine is a line whose value, outside template actions, opens a flow collection:
// `spec: {containers: [...]}`.
func flowLine(line string) bool {
	_, v, ok := strings.Cut(templateAction.ReplaceAllString(line, ""), ":")
	v = strings.TrimSpace(v)
	return ok && (strings.HasPrefix(v, "{") || strings.HasPrefix(v, "["))
}

var templateAction = regexp.MustCompile(`\{\{.*?\}\}`)

// lookupValue finds the values file that supplies a .Values path, highest precedence
// first; when no file sets the full path, the deepest key that is set.
func (l *locator) lookupValue(vp []string) (*model.Location, string) {
	for depth := len(vp); depth >= 1; depth-- {
		for _, sv := range l.values {
			p := yamlpos.Pointer(append(append([]string{}, sv.prefix...), vp[:depth]...)...)
			e, ok := sv.src.ix().Lookup(p)
			if !ok {
				continue
			}
			r := e.Range
			if e.Key.Valid() && r.End.Line > r.Start.Line {
				r = model.Range{Start: e.Key.Start, End: model.Position{Line: e.Key.Start.Line, Column: sv.src.src.LineEnd(e.Key.Start.Line)}}
			}
			key := strings.Join(vp[:depth], ".")
			msg := fmt.Sprintf("value %s", key)
			desc := fmt.Sprintf("value %s from %s:%d", key, sv.src.path, r.Start.Line)
			if depth < len(vp) {
				msg = fmt.Sprintf("value %s (%s is not set)", key, strings.Join(vp, "."))
				desc = fmt.Sprintf("value %s from %s:%d (%s is not set)", key, sv.src.path, r.Start.Line, strings.Join(vp, "."))
			}
			return &model.Location{File: sv.src.path, Range: r, Message: msg}, desc
		}
	}
	return nil, ""
}

// define is a named template: its file and lines.
type define struct {
	tpl    *template
	region [2]int
}

// follow finds tokens in the object's template, and where the template includes a
// named template for the rest of the path ({{ include "x.podSpec" . }}), in that named
// template's lines, up to five includes deep. It returns the template and region the
// deepest key was found in, the match there, and the tokens that match was for.
func (l *locator) follow(tokens []string) (*template, [2]int, match, []string) {
	tpl, region, value, rest := l.tpl, l.region, any(l.obj.Value), tokens
	m := tpl.follow(region, value, rest)
	for range 5 {
		if m.matched >= len(rest) {
			break
		}
		block := m.block
		if m.line < 0 {
			block = scope{start: region[0], end: region[1], indent: -1, first: -1}
		}
		sub := valueAt(value, rest[:m.matched])
		advanced := false
		for _, name := range tpl.includesIn(block) {
			d, ok := l.defines[name]
			if !ok {
				continue
			}
			m2 := d.tpl.follow(d.region, sub, rest[m.matched:])
			if m2.matched == 0 {
				continue
			}
			tpl, region, value, rest, m = d.tpl, d.region, sub, rest[m.matched:], m2
			advanced = true
			break
		}
		if !advanced {
			break
		}
	}
	return tpl, region, m, rest
}

func valueAt(v any, tokens []string) any {
	for _, t := range tokens {
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			k, _ := strconv.Atoi(t)
			if k < 0 || k >= len(x) {
				return nil
			}
			v = x[k]
		default:
			return nil
		}
	}
	return v
}
