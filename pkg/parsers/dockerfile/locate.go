package dockerfile

import (
	"strconv"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// locator maps the JSON Pointers of the Dockerfile input to source ranges.
type locator struct {
	src     *model.Source
	ranges  map[string]model.Range
	anchors map[string]string
	derived map[string]derived
	args    map[string][]model.Range
}

func newLocator(src *model.Source) *locator {
	return &locator{src: src, ranges: map[string]model.Range{}, anchors: map[string]string{}, derived: map[string]derived{}, args: map[string][]model.Range{}}
}

func (l *locator) set(ptr string, r model.Range, anchor string) {
	l.ranges[ptr] = r
	l.anchors[ptr] = anchor
}

// derived is an anchor made of the anchor of base followed by suffix.
type derived struct{ base, suffix string }

// setDerived locates ptr and gives it the anchor of base followed by suffix, put
// together when asked for: a command's anchor starts with its RUN's, which holds the
// whole instruction, and writing it out for each of a RUN's commands made parsing
// quadratic in the RUN's length.
func (l *locator) setDerived(ptr string, r model.Range, base, suffix string) {
	l.ranges[ptr] = r
	l.derived[ptr] = derived{base, suffix}
}

// anchorAt is the anchor given to p itself, if any.
func (l *locator) anchorAt(p string) (string, bool) {
	if a, ok := l.anchors[p]; ok {
		return a, true
	}
	d, ok := l.derived[p]
	if !ok {
		return "", false
	}
	base, _ := l.anchorAt(d.base)
	return base + d.suffix, true
}

// argsSegment joins a command's pointer to its arguments'.
const argsSegment = "/args/"

// setArgs locates the arguments of the command at cmd: rs[k] is the range of
// cmd/args/k. An argument's anchor is its command's followed by " /args/k". Neither is
// written out per argument (see argAt): an install can name hundreds of packages.
func (l *locator) setArgs(cmd string, rs []model.Range) {
	if len(rs) > 0 {
		l.args[cmd] = rs
	}
}

// argAt says whether p is an argument that setArgs located, and gives its command's
// pointer and its range.
func (l *locator) argAt(p string) (cmd string, r model.Range, ok bool) {
	i := strings.LastIndex(p, argsSegment)
	if i < 0 {
		return "", r, false
	}
	rs, found := l.args[p[:i]]
	if !found {
		return "", r, false
	}
	k, err := strconv.Atoi(p[i+len(argsSegment):])
	if err != nil || k < 0 || k >= len(rs) || strconv.Itoa(k) != p[i+len(argsSegment):] {
		return "", r, false // not the canonical spelling, as in /args/01
	}
	return p[:i], rs[k], true
}

// Locate returns the range of ptr or of its nearest ancestor that has one; the whole
// first line for the document itself.
func (l *locator) Locate(ptr string) model.Range {
	for p := ptr; ; p = parent(p) {
		if r, ok := l.ranges[p]; ok {
			return r
		}
		if _, r, ok := l.argAt(p); ok {
			return r
		}
		// /stages/1/name → /stages/1 ; /instructions/2/flags/0 → /instructions/2
		if p == "" {
			return l.src.LineRange(1, 1)
		}
	}
}

// File is always the Dockerfile itself.
func (l *locator) File(string) string { return "" }

// Anchor returns the text-based identity of the nearest located pointer.
func (l *locator) Anchor(ptr string) string {
	for p := ptr; p != ""; p = parent(p) {
		if a, ok := l.anchorAt(p); ok {
			return a + strings.TrimPrefix(ptr, p)
		}
		if cmd, _, ok := l.argAt(p); ok {
			a, _ := l.anchorAt(cmd)
			return a + " " + strings.TrimPrefix(ptr, cmd)
		}
	}
	return ptr
}

// Context names the stage a pointer is in.
func (l *locator) Context(ptr string) string {
	for p := ptr; p != ""; p = parent(p) {
		if a, ok := l.anchors[p]; ok && strings.HasPrefix(a, "stage ") {
			name, _, _ := strings.Cut(strings.TrimPrefix(a, "stage "), ":")
			if name == "-1" {
				return ""
			}
			return "stage " + name
		}
	}
	return ""
}

func parent(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return ""
	}
	return p[:i]
}
