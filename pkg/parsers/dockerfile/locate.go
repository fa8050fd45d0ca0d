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
}

func newLocator(src *model.Source) *locator {
	return &locator{src: src, ranges: map[string]model.Range{}, anchors: map[string]string{}}
}

func (l *locator) set(ptr string, r model.Range, anchor string) {
	l.ranges[ptr] = r
	l.anchors[ptr] = anchor
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
		if a, ok := l.anchors[p]; ok {
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
