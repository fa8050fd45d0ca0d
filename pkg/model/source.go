package model

import (
	"bytes"
	"unicode/utf8"
)

// Source is a file's text with a line index. Lines are split on "\n"; a trailing "\r"
// is not part of a line's text, so CRLF files get the same columns as LF files.
type Source struct {
	Text  []byte
	lines [][]byte
}

// NewSource indexes text. A UTF-8 byte-order mark at the start is kept in Text but is not
// part of line 1, so columns on line 1 start after it.
func NewSource(text []byte) *Source {
	body := bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	lines := bytes.Split(body, []byte("\n"))
	if n := len(lines); n > 1 && len(lines[n-1]) == 0 {
		lines = lines[:n-1] // the newline at the end of the file does not open a line
	}
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\r"))
	}
	return &Source{Text: text, lines: lines}
}

// LineCount is the number of lines.
func (s *Source) LineCount() int { return len(s.lines) }

// Line returns line n (1-based) without its line ending, or "" when out of range.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	return string(s.lines[n-1])
}

// RuneColumn converts a 1-based byte column on line n into a 1-based code-point column.
// Columns past the end of the line clamp to just after its last character.
func (s *Source) RuneColumn(n, byteCol int) int {
	if n < 1 || n > len(s.lines) {
		return 1
	}
	l := s.lines[n-1]
	off := min(max(byteCol-1, 0), len(l))
	return utf8.RuneCount(l[:off]) + 1
}

// LineEnd returns the code-point column just after the last character of line n.
func (s *Source) LineEnd(n int) int {
	if n < 1 || n > len(s.lines) {
		return 1
	}
	return utf8.RuneCount(s.lines[n-1]) + 1
}

// LineRange is the range of lines first..last, from the first non-blank character of
// the first line to the end of the last.
func (s *Source) LineRange(first, last int) Range {
	first = min(max(first, 1), max(len(s.lines), 1))
	last = min(max(last, first), max(len(s.lines), 1))
	start := 1
	if l := s.Line(first); l != "" {
		trimmed := bytes.TrimLeft([]byte(l), " \t")
		if len(trimmed) > 0 {
			start = utf8.RuneCount([]byte(l[:len(l)-len(trimmed)])) + 1
		}
	}
	// A blank line is covered whole; an empty one has no character to cover, so its
	// range is the empty place at column 1: a range never leaves its lines.
	return Range{Start: Position{first, start}, End: Position{last, s.LineEnd(last)}}
}

// TextOf returns the source text of r, lines joined with "\n".
func (s *Source) TextOf(r Range) string {
	if !r.Valid() {
		return ""
	}
	var b bytes.Buffer
	for n := r.Start.Line; n <= r.End.Line && n <= len(s.lines); n++ {
		runes := []rune(s.Line(n))
		from, to := 0, len(runes)
		if n == r.Start.Line {
			from = min(r.Start.Column-1, len(runes))
		}
		if n == r.End.Line {
			to = min(max(r.End.Column-1, from), len(runes))
		}
		if n > r.Start.Line {
			b.WriteByte('\n')
		}
		b.WriteString(string(runes[from:to]))
	}
	return b.String()
}
