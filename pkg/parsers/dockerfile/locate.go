package dockerfile

import (
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// locator maps the JSON Pointers of the Dockerfile input to source ranges.
type locator struct {
	src     *model.Source
	ranges  map[string]model.Range
	anchors map[string]string
	derived map[string]derived
}

func newLocator(src *model.Source) *locator {
	return &locator{src: src, ranges: map[string]model.Range{}, anchors: map[string]string{}, derived: map[string]derived{}}
}

func (l *locator) set(ptr string, r model.Range, anchor string) {
	l.ranges[ptr] = r
	l.anchors[ptr] = anchor
}

// derived is an anchor made of the anchor of base followed by suffix; with no suffix,
// by a space and the rest of the pointer after base (an argument's " /args/2").
type derived struct{ base, suffix string }

// setDerived locates ptr and gives it the anchor of base followed by suffix, put
// together when asked for: a command's anchor starts with its RUN's, which holds the
// whole instruction, and an argument's with its command's. Writing them out for each
// of a RUN's commands and each of an install's package names made parsing quadratic.
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
	if d.suffix == "" {
		return base + " " + p[len(d.base):], true
	}
	return base + d.suffix, true
}

// Locate returns the range of ptr or of its nearest ancestor that has one; the whole
// first line for the document itself.
func (l *locator) Locate(ptr string) model.Range {
	for p := ptr; ; p = parent(p) {
		if r, ok := l.ranges[p]; ok {
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
