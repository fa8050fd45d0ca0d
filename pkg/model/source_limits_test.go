package model

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestColumnsAgree: the indexed columns of long lines are the counted ones.
func TestColumnsAgree(t *testing.T) {
	lines := []string{
		"FROM alpine",
		strings.Repeat("ascii ", 100),
		strings.Repeat("é ü 日本 ", 60) + "\xff\xfe tail",
		"\xff" + strings.Repeat("x", 300) + "\xc3", // invalid bytes at both ends
		"",
	}
	src := NewSource([]byte("\xef\xbb\xbf" + strings.Join(lines, "\r\n") + "\n"))
	if src.LineCount() != len(lines) {
		t.Fatalf("%d lines, want %d", src.LineCount(), len(lines))
	}
	for n, l := range lines {
		if got := src.Line(n + 1); got != l {
			t.Fatalf("line %d = %q", n+1, got)
		}
		for off := 0; off <= len(l); {
			if got, want := src.RuneColumn(n+1, off+1), utf8.RuneCountInString(l[:off])+1; got != want {
				t.Fatalf("line %d, byte %d: column %d, want %d", n+1, off, got, want)
			}
			if off == len(l) {
				break
			}
			_, size := utf8.DecodeRuneInString(l[off:])
			off += size
		}
		if got, want := src.LineEnd(n+1), utf8.RuneCountInString(l)+1; got != want {
			t.Errorf("line %d ends at %d, want %d", n+1, got, want)
		}
	}
}

// TestColumnsLinear: the column of every token of a 4 MiB line costs nothing more
// than on a short line (counting from the start of the line each time took hours).
func TestColumnsLinear(t *testing.T) {
	for _, unit := range []string{"a ", "é "} {
		line := strings.Repeat(unit, (4<<20)/len(unit))
		start := time.Now()
		src := NewSource([]byte(line))
		for off := 0; off < len(line); off += len(unit) {
			src.RuneColumn(1, off+1)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q: the columns of a 4 MiB line took %s", unit, d)
		}
	}
}

func TestYAMLText(t *testing.T) {
	for in, want := range map[string]string{
		"a: 1\nb: 2\n":         "a: 1\nb: 2\n",
		"a: 1\r\nb: 2\r\n":     "a: 1\r\nb: 2\r\n",
		"a: 1\rb: 2\r":         "a: 1\nb: 2\n",
		"a: 1\r\nb: 2\rc: 3\r": "a: 1\r\nb: 2\nc: 3\n",
		"":                     "",
	} {
		if got := string(YAMLText([]byte(in))); got != want {
			t.Errorf("YAMLText(%q) = %q, want %q", in, got, want)
		}
	}
	in := []byte("a: 1\r\n")
	if out := YAMLText(in); &out[0] != &in[0] {
		t.Error("text without a lone CR was copied")
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := NewSource([]byte("ok: é\nname: p # \xff\xfe\nx: \xc3\n"))
	r, ok := src.InvalidUTF8(1)
	if !ok || r != (Range{Start: Position{2, 11}, End: Position{2, 12}}) {
		t.Errorf("first invalid byte at %v (%v)", r, ok)
	}
	if r, ok := src.InvalidUTF8(3); !ok || r.Start != (Position{3, 4}) {
		t.Errorf("from line 3: %v (%v)", r, ok)
	}
	if _, ok := NewSource([]byte("ok: é\n")).InvalidUTF8(1); ok {
		t.Error("valid text has an invalid byte")
	}
}
