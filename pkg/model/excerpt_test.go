package model

import (
	"runtime"
	"strings"
	"testing"
	"unsafe"
	"weak"
)

// TestExcerpt: an excerpt answers for the lines it keeps as the whole source does,
// has the whole source's line count, and has nothing else.
func TestExcerpt(t *testing.T) {
	lines := []string{
		"FROM alpine",
		"RUN echo 日本",
		strings.Repeat("é ü 日本 ", 60) + "tail", // a long line that is not ASCII: indexed
		"",
		"\tUSER root",
	}
	full := NewSource([]byte("\xef\xbb\xbf" + strings.Join(lines, "\r\n") + "\n"))
	e := full.Excerpt(2, 3, 3, 0, 99, -1)
	if !e.IsExcerpt() || full.IsExcerpt() {
		t.Fatal("IsExcerpt is wrong")
	}
	if e.LineCount() != len(lines) || e.Text != nil {
		t.Fatalf("LineCount %d, Text %q", e.LineCount(), e.Text)
	}
	for n := 1; n <= len(lines); n++ {
		want := ""
		if n == 2 || n == 3 {
			want = lines[n-1]
		}
		if got := e.Line(n); got != want {
			t.Errorf("line %d = %q, want %q", n, got, want)
		}
	}
	for _, n := range []int{2, 3} {
		if e.LineEnd(n) != full.LineEnd(n) {
			t.Errorf("line %d ends at %d, want %d", n, e.LineEnd(n), full.LineEnd(n))
		}
		for col := 1; col <= len(lines[n-1])+2; col += 7 {
			if got, want := e.RuneColumn(n, col), full.RuneColumn(n, col); got != want {
				t.Errorf("line %d byte %d: column %d, want %d", n, col, got, want)
			}
		}
		r := full.LineRange(n, n)
		if got := e.LineRange(n, n); got != r {
			t.Errorf("LineRange(%d) = %v, want %v", n, got, r)
		}
		if got, want := e.TextOf(r), full.TextOf(r); got != want {
			t.Errorf("TextOf(%v) = %q, want %q", r, got, want)
		}
	}
	// An excerpt of an excerpt keeps only what the first held.
	ee := e.Excerpt(1, 2)
	if ee.Line(2) != lines[1] || ee.Line(1) != "" || ee.LineCount() != len(lines) {
		t.Errorf("excerpt of an excerpt: %q %q %d", ee.Line(1), ee.Line(2), ee.LineCount())
	}
}

// TestExcerptCopies: an excerpt's lines are copies; the text it was taken from can be
// collected while the excerpt lives.
func TestExcerptCopies(t *testing.T) {
	full := NewSource([]byte(strings.Repeat("RUN apt-get install -y curl\n", 1000)))
	body := weak.Make(unsafe.StringData(full.Line(500)))
	text := weak.Make(&full.Text[0])
	e := full.Excerpt(1, 500, 1000)
	if unsafe.StringData(e.Line(500)) == unsafe.StringData(full.Line(500)) {
		t.Fatal("the excerpt shares the source's text")
	}
	full = nil
	for range 3 {
		runtime.GC()
	}
	if body.Value() != nil || text.Value() != nil {
		t.Error("the excerpt keeps the source's text alive")
	}
	if e.Line(500) != "RUN apt-get install -y curl" {
		t.Errorf("line 500 = %q", e.Line(500))
	}
}

// TestMerge: merged excerpts hold the lines of each; the first wins where both hold
// one; a whole source is returned as it is.
func TestMerge(t *testing.T) {
	full := NewSource([]byte("a\nb\nc\nd\n"))
	m := full.Excerpt(1).Merge(full.Excerpt(3), nil, full.Excerpt(1, 4))
	for n, want := range []string{"a", "", "c", "d"} {
		if got := m.Line(n + 1); got != want {
			t.Errorf("line %d = %q, want %q", n+1, got, want)
		}
	}
	if m.LineCount() != 4 || !m.IsExcerpt() {
		t.Errorf("merged: %d lines, excerpt %v", m.LineCount(), m.IsExcerpt())
	}
	if full.Merge(full.Excerpt(1)) != full {
		t.Error("merging into a whole source made a new one")
	}
	other := NewSource([]byte("x\ny\n")).Excerpt(1, 2)
	if got := full.Excerpt(2).Merge(other); got.Line(1) != "x" || got.Line(2) != "b" {
		t.Errorf("merge prefers %q %q", got.Line(1), got.Line(2))
	}
}

// TestNewExcerpt: an excerpt rebuilt from its Held lines answers every question as the
// excerpt it was taken from, long lines that are not ASCII included.
func TestNewExcerpt(t *testing.T) {
	long := strings.Repeat("é ü 日本 ", 60) + "tail"
	full := NewSource([]byte("a\n" + long + "\nc\nd\n"))
	e := full.Excerpt(4, 2)
	if got := e.Held(); len(got) != 2 || got[0] != 2 || got[1] != 4 {
		t.Fatalf("Held = %v, want [2 4]", got)
	}
	if full.Held() != nil {
		t.Error("a whole source holds no excerpt lines")
	}
	held := map[int]string{0: "x", 9: "y"} // out of range: left out
	for _, n := range e.Held() {
		held[n] = e.Line(n)
	}
	r := NewExcerpt(e.LineCount(), held)
	if !r.IsExcerpt() || r.LineCount() != 4 || len(r.Held()) != 2 {
		t.Fatalf("rebuilt: excerpt %v, %d lines, held %v", r.IsExcerpt(), r.LineCount(), r.Held())
	}
	for n := 1; n <= 4; n++ {
		if r.Line(n) != e.Line(n) || r.LineEnd(n) != e.LineEnd(n) {
			t.Errorf("line %d: %q ending %d, want %q ending %d", n, r.Line(n), r.LineEnd(n), e.Line(n), e.LineEnd(n))
		}
	}
	for col := 1; col <= len(long)+1; col++ {
		if got, want := r.RuneColumn(2, col), full.RuneColumn(2, col); got != want {
			t.Fatalf("byte %d: column %d, want %d", col, got, want)
		}
	}
}
