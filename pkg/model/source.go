package model

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// Source is a file's text with a line index. Lines are split on "\n"; a trailing "\r"
// is not part of a line's text, so CRLF files get the same columns as LF files.
//
// Finding a column costs no more than the characters before it on short lines and
// nothing on long ones, whatever their length: parsers ask for the columns of every
// token, and a one-line minified JSON document of a few MiB must not make that
// quadratic.
//
// An excerpt (Excerpt) holds some lines of a file only, and no Text: what the reports
// of a run keep of each file with findings, so that a run's memory does not grow with
// the text of every such file.
type Source struct {
	Text  []byte
	lines []string // substrings of one copy of the text: Line does not allocate
	// wide maps a long line that is not ASCII to the code-point column of each of its
	// byte offsets (len+1 entries). A long line without an entry is ASCII.
	wide map[int][]int32
	// kept holds the lines of an excerpt by 0-based index (lines is then nil), and
	// count the number of lines of the text it was taken from.
	kept  map[int]string
	count int
}

// longLine is the length from which a line's columns are indexed rather than counted.
const longLine = 256

// NewSource indexes text. A UTF-8 byte-order mark at the start is kept in Text but is not
// part of line 1, so columns on line 1 start after it.
func NewSource(text []byte) *Source {
	body := strings.TrimPrefix(string(text), "\xef\xbb\xbf")
	lines := strings.Split(body, "\n")
	if n := len(lines); n > 1 && len(lines[n-1]) == 0 {
		lines = lines[:n-1] // the newline at the end of the file does not open a line
	}
	s := &Source{Text: text, lines: lines}
	for i, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		lines[i] = l
		if len(l) >= longLine && !isASCII(l) {
			if s.wide == nil {
				s.wide = map[int][]int32{}
			}
			s.wide[i] = columnsOf(l)
		}
	}
	return s
}

func isASCII(l string) bool {
	for i := range len(l) {
		if l[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// columnsOf gives each byte offset of l the number of code points that start before
// it: utf8.RuneCountInString(l[:off]) for every offset where a code point (or an
// invalid byte) starts, which are the offsets parsers give.
func columnsOf(l string) []int32 {
	cols := make([]int32, len(l)+1)
	n := int32(0)
	for i := 0; i < len(l); {
		_, size := utf8.DecodeRuneInString(l[i:])
		for k := range size {
			cols[i+k] = n
		}
		n++
		i += size
	}
	cols[len(l)] = n
	return cols
}

// Excerpt returns a Source that holds only the given lines of s (1-based; numbers out
// of range, and lines an excerpt s does not hold, are left out) and s's line count.
// Line returns "" for every other line, and Text is nil. The lines are copied: the
// excerpt does not keep s's text alive.
func (s *Source) Excerpt(lines ...int) *Source {
	e := &Source{kept: make(map[int]string, len(lines)), count: s.LineCount()}
	for _, n := range lines {
		if n < 1 || n > e.count {
			continue
		}
		if _, done := e.kept[n-1]; done {
			continue
		}
		l, ok := s.line(n - 1)
		if !ok {
			continue
		}
		e.kept[n-1] = strings.Clone(l)
		if w := s.wide[n-1]; w != nil {
			if e.wide == nil {
				e.wide = map[int][]int32{}
			}
			e.wide[n-1] = w
		}
	}
	return e
}

// NewExcerpt returns an excerpt of a text of count lines that holds the given lines
// (1-based; numbers out of range are left out): an excerpt rebuilt from what Held and
// Line gave, as the result cache stores it.
func NewExcerpt(count int, lines map[int]string) *Source {
	e := &Source{kept: make(map[int]string, len(lines)), count: max(count, 0)}
	for n, l := range lines {
		if n < 1 || n > e.count {
			continue
		}
		e.kept[n-1] = l
		if len(l) >= longLine && !isASCII(l) {
			if e.wide == nil {
				e.wide = map[int][]int32{}
			}
			e.wide[n-1] = columnsOf(l)
		}
	}
	return e
}

// Held returns the numbers (1-based, ascending) of the lines an excerpt holds; nil
// for a Source that is not an excerpt.
func (s *Source) Held() []int {
	if s.kept == nil {
		return nil
	}
	ns := make([]int, 0, len(s.kept))
	for i := range s.kept {
		ns = append(ns, i+1)
	}
	slices.Sort(ns)
	return ns
}

// Merge returns an excerpt with the lines of s and those of the other excerpts of the
// same text that s does not hold. A Source that is not an excerpt holds every line
// already: s is then returned as it is, and such others add nothing.
func (s *Source) Merge(others ...*Source) *Source {
	if s.kept == nil {
		return s
	}
	m := &Source{kept: make(map[int]string, len(s.kept)), count: s.count}
	add := func(from *Source) {
		for i, l := range from.kept {
			if _, ok := m.kept[i]; ok || i >= m.count {
				continue
			}
			m.kept[i] = l
			if w := from.wide[i]; w != nil {
				if m.wide == nil {
					m.wide = map[int][]int32{}
				}
				m.wide[i] = w
			}
		}
	}
	add(s)
	for _, o := range others {
		if o != nil {
			add(o)
		}
	}
	return m
}

// IsExcerpt reports whether s holds some lines only (Excerpt).
func (s *Source) IsExcerpt() bool { return s.kept != nil }

// LineCount is the number of lines.
func (s *Source) LineCount() int {
	if s.kept != nil {
		return s.count
	}
	return len(s.lines)
}

// line returns line i (0-based, in range); ok is false for a line an excerpt does not hold.
func (s *Source) line(i int) (string, bool) {
	if s.kept != nil {
		l, ok := s.kept[i]
		return l, ok
	}
	return s.lines[i], true
}

// Line returns line n (1-based) without its line ending, or "" when out of range or
// not held by an excerpt.
func (s *Source) Line(n int) string {
	if n < 1 || n > s.LineCount() {
		return ""
	}
	l, _ := s.line(n - 1)
	return l
}

// runesBefore is the number of code points of line n (0-based) before byte offset off.
func (s *Source) runesBefore(n, off int) int {
	l, _ := s.line(n)
	switch {
	case len(l) < longLine:
		return utf8.RuneCountInString(l[:off])
	case s.wide[n] != nil:
		return int(s.wide[n][off])
	}
	return off // a long ASCII line
}

// RuneColumn converts a 1-based byte column on line n into a 1-based code-point column.
// Columns past the end of the line clamp to just after its last character.
func (s *Source) RuneColumn(n, byteCol int) int {
	if n < 1 || n > s.LineCount() {
		return 1
	}
	off := min(max(byteCol-1, 0), len(s.Line(n)))
	return s.runesBefore(n-1, off) + 1
}

// LineEnd returns the code-point column just after the last character of line n.
func (s *Source) LineEnd(n int) int {
	if n < 1 || n > s.LineCount() {
		return 1
	}
	return s.runesBefore(n-1, len(s.Line(n))) + 1
}

// LineRange is the range of lines first..last, from the first non-blank character of
// the first line to the end of the last.
func (s *Source) LineRange(first, last int) Range {
	first = min(max(first, 1), max(s.LineCount(), 1))
	last = min(max(last, first), max(s.LineCount(), 1))
	start := 1
	if l := s.Line(first); l != "" {
		trimmed := strings.TrimLeft(l, " \t")
		if len(trimmed) > 0 {
			start = utf8.RuneCountInString(l[:len(l)-len(trimmed)]) + 1
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
	for n := r.Start.Line; n <= r.End.Line && n <= s.LineCount(); n++ {
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

// YAMLText returns text with each lone carriage return, which YAML reads as a line
// break but Source does not, turned into a newline: the lines a YAML parser reports
// are then the lines of the Source made from the result. Text without one (CRLF and
// LF files) is returned as it is.
func YAMLText(text []byte) []byte {
	lone := func(i int) bool { return text[i] == '\r' && (i+1 == len(text) || text[i+1] != '\n') }
	first := -1
	for i := bytes.IndexByte(text, '\r'); i >= 0; {
		if lone(i) {
			first = i
			break
		}
		j := bytes.IndexByte(text[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if first < 0 {
		return text
	}
	out := append([]byte{}, text...)
	for i := first; i < len(out); i++ {
		if lone(i) {
			out[i] = '\n'
		}
	}
	return out
}

// InvalidUTF8 returns the range of the first byte of the text that is not UTF-8, from
// line `from` on. YAML parsers refuse such text without saying where.
func (s *Source) InvalidUTF8(from int) (Range, bool) {
	for n := max(from, 1); n <= s.LineCount(); n++ {
		l := s.Line(n)
		if utf8.ValidString(l) {
			continue
		}
		for i := 0; i < len(l); {
			r, size := utf8.DecodeRuneInString(l[i:])
			if r == utf8.RuneError && size == 1 {
				col := s.RuneColumn(n, i+1)
				return Range{Start: Position{n, col}, End: Position{n, col + 1}}, true
			}
			i += size
		}
	}
	return Range{}, false
}
