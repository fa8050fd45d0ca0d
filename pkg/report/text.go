package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/infralint/infralint/pkg/model"
)

// Text writes findings for people: one header line per finding in the
// `path:line:col: severity [rule] message` form editors and terminals turn into links,
// followed by the offending source line with carets under the range when the source is
// at hand, and a one-line summary at the end.
type Text struct {
	W     io.Writer
	Color bool // ANSI colour; the CLI decides (TTY, NO_COLOR), never the reporter
}

// ANSI SGR sequences. Only these few are used so the output stays readable in any
// terminal theme.
const (
	ansiReset  = "\x1b[0m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
)

// reportChunk is how much of the report is gathered before it is written: a report of
// thousands of files takes a few dozen writes, and is never held whole in memory.
const reportChunk = 64 << 10

// Report writes r a few files at a time. Each file's entries are rendered whole before
// they are written, and only whole files (then the summary line) go into a write, so a
// failing writer never leaves half a line or half a file behind; it may leave the files
// before it.
func (t *Text) Report(r *Result) error {
	buf := make([]byte, 0, reportChunk+reportChunk/4)
	groups := groupByFile(r)
	for i, g := range groups {
		if i > 0 {
			buf = append(buf, '\n')
		}
		buf = t.appendGroup(buf, g, r.Sources[g.file])
		if len(buf) >= reportChunk {
			if _, err := t.W.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if len(groups) > 0 {
		buf = append(buf, '\n')
	}
	buf = append(buf, summaryLine(r.Summarize(), filesWithFindings(r))...)
	buf = append(buf, '\n')
	_, err := t.W.Write(buf)
	return err
}

// fileGroup is what the text report shows about one file.
type fileGroup struct {
	file     string
	findings []model.Finding
	errors   []model.FileError
}

// groupByFile keeps files in the order their findings come in (the canonical sort),
// then adds files that only have errors, in the order of the errors. Sorted findings
// come in one run per file, which a group takes as it is rather than copying it; a
// file whose findings are scattered gets a copy of its runs.
func groupByFile(r *Result) []fileGroup {
	var groups []fileGroup
	index := map[string]int{}
	at := func(file string) *fileGroup {
		i, ok := index[file]
		if !ok {
			i = len(groups)
			index[file] = i
			groups = append(groups, fileGroup{file: file})
		}
		return &groups[i]
	}
	findings := r.Findings
	if r.IncludeSuppressed && len(r.Suppressed) > 0 {
		findings = append(slices.Clone(r.Findings), r.Suppressed...)
		sortFindings(findings)
	}
	for start := 0; start < len(findings); {
		end := start + 1
		for end < len(findings) && findings[end].File == findings[start].File {
			end++
		}
		g := at(findings[start].File)
		if len(g.findings) == 0 {
			// Capped at its end: appending a later run of the file then copies it,
			// rather than writing over the findings that follow.
			g.findings = findings[start:end:end]
		} else {
			g.findings = append(g.findings, findings[start:end]...)
		}
		start = end
	}
	for _, e := range r.Errors {
		g := at(e.File)
		g.errors = append(g.errors, e)
	}
	return groups
}

func filesWithFindings(r *Result) int {
	seen := map[string]bool{}
	for _, f := range r.Findings {
		seen[f.File] = true
	}
	return len(seen)
}

// appendGroup appends one file's findings, then its errors.
func (t *Text) appendGroup(b []byte, g fileGroup, src *model.Source) []byte {
	gutter := gutterWidth(g, src)
	var spacer entrySpacer
	for i := range g.findings {
		f := &g.findings[i]
		rg := clamp(f.Range)
		snippet := f.Suppressed == nil && holdsLine(src, rg.Start.Line)
		b = spacer.before(b, snippet)
		b = t.appendFinding(b, f, rg, src, gutter, snippet)
	}
	for i := range g.errors {
		e := &g.errors[i]
		var rg model.Range
		if e.Range != nil {
			rg = clamp(*e.Range)
		}
		snippet := e.Range != nil && holdsLine(src, rg.Start.Line)
		b = spacer.before(b, snippet)
		b = t.appendFileError(b, e, rg, src, gutter, snippet)
	}
	return b
}

// entrySpacer sets an entry that shows source off by blank lines so each caret clearly
// belongs to the header above it; plain one-line entries stay together.
type entrySpacer struct {
	started bool
	snippet bool // the entry before ended with a source line and carets
}

// before is called before each entry, which shows source when snippet is set.
func (s *entrySpacer) before(b []byte, snippet bool) []byte {
	if s.started && (snippet || s.snippet) {
		b = append(b, '\n')
	}
	s.started, s.snippet = true, snippet
	return b
}

// holdsLine reports whether a snippet of the line can be shown: the source is at hand
// and has the line.
func holdsLine(src *model.Source, line int) bool {
	return src != nil && line <= src.LineCount()
}

// appendFinding appends a finding's header and, when snippet is set, the source line
// of rg (its clamped range) with carets.
func (t *Text) appendFinding(b []byte, f *model.Finding, rg model.Range, src *model.Source, gutter int, snippet bool) []byte {
	color := severityColor(f.Severity)
	b = appendPlace(b, f.File, rg)
	b = append(b, ' ')
	b = t.appendPainted(b, color, f.Severity.String())
	b = append(b, ' ')
	b = t.startColor(b, ansiDim)
	b = append(b, '[')
	b = appendPrintable(b, f.RuleID)
	b = append(b, ']')
	b = t.endColor(b, ansiDim)
	b = append(b, ' ')
	b = appendPrintable(b, f.Message)
	if f.Context != "" {
		b = append(b, "  ("...)
		b = appendPrintable(b, f.Context)
		b = append(b, ')')
	}
	if f.Suppressed != nil {
		// Suppressed findings are there for audit: one line each, no snippet.
		b = append(b, "  "...)
		b = t.appendPainted(b, ansiDim, suppressedMark(f.Suppressed))
	}
	b = append(b, '\n')
	if snippet {
		b = t.appendSnippet(b, src, rg, gutter, color)
	}
	return b
}

// appendPlace appends `path:line:col:`, the part editors and terminals turn into a link.
func appendPlace(b []byte, file string, rg model.Range) []byte {
	b = appendPrintable(b, file)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(rg.Start.Line), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(rg.Start.Column), 10)
	return append(b, ':')
}

// suppressedMark says why a finding shown with --include-suppressed is not reported.
func suppressedMark(s *model.Suppression) string {
	what := "suppressed"
	if s.Kind == model.SuppressExternal {
		what = "baselined"
	}
	if s.Justification == "" {
		return "[" + what + "]"
	}
	return "[" + what + ": " + printable(s.Justification) + "]"
}

// appendFileError appends an error, with the source line of rg (its clamped range, when
// it has one) when snippet is set.
func (t *Text) appendFileError(b []byte, e *model.FileError, rg model.Range, src *model.Source, gutter int, snippet bool) []byte {
	if e.Range == nil {
		b = appendPrintable(b, e.File)
		b = append(b, ':')
	} else {
		b = appendPlace(b, e.File, rg)
	}
	b = append(b, ' ')
	b = t.appendPainted(b, ansiRed, "error")
	b = append(b, ": "...)
	b = appendPrintable(b, e.Message)
	b = append(b, '\n')
	if snippet {
		b = t.appendSnippet(b, src, rg, gutter, ansiRed)
	}
	return b
}

// gutterWidth is the width of the widest line number shown for the file, so every
// `|` of a file lines up.
func gutterWidth(g fileGroup, src *model.Source) int {
	if src == nil {
		return 0
	}
	widest := 0
	shown := func(line int) {
		if line <= src.LineCount() {
			widest = max(widest, line)
		}
	}
	for i := range g.findings {
		shown(clamp(g.findings[i].Range).Start.Line)
	}
	for _, e := range g.errors {
		if e.Range != nil {
			shown(clamp(*e.Range).Start.Line)
		}
	}
	return digits(widest)
}

// digits is the number of decimal digits strconv.Itoa writes for n >= 0.
func digits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// appendSnippet appends the first line of rg (which src holds) with carets under the
// range. A range that spans lines is underlined to the end of its first line: the
// header already says where it starts, and the first line is what a reader needs to
// recognise it.
func (t *Text) appendSnippet(b []byte, src *model.Source, rg model.Range, gutter int, color string) []byte {
	line := printable(src.Line(rg.Start.Line))
	b = append(b, "  "...)
	b = appendSpaces(b, gutter-digits(rg.Start.Line))
	b = strconv.AppendInt(b, int64(rg.Start.Line), 10)
	b = append(b, " |"...)
	if line != "" {
		b = append(b, ' ')
		b = appendRunes(b, line)
	}
	b = append(b, '\n')

	// A range may start past the end of its line (a missing token): the caret then
	// goes just after the last character.
	runes := utf8.RuneCountInString(line)
	from := min(rg.Start.Column-1, runes)
	to := runes
	if rg.End.Line == rg.Start.Line {
		to = min(rg.End.Column-1, runes)
	}
	to = max(to, from)
	b = append(b, "  "...)
	b = appendSpaces(b, gutter)
	b = append(b, " | "...)
	carets, i := 0, 0
	for _, r := range line {
		if i >= to {
			break
		}
		switch {
		case i < from && r == '\t':
			b = append(b, '\t') // the terminal expands it exactly as it did above
		case i < from:
			b = appendSpaces(b, cellWidth(r))
		case r == '\t':
			carets++ // its real width depends on the terminal; one caret marks it
		default:
			carets += cellWidth(r)
		}
		i++
	}
	b = t.startColor(b, color)
	b = appendRepeated(b, '^', max(carets, 1))
	b = t.endColor(b, color)
	return append(b, '\n')
}

// appendRunes appends s as converting it to runes and back would: each byte that is
// not UTF-8 becomes U+FFFD.
func appendRunes(b []byte, s string) []byte {
	if utf8.ValidString(s) {
		return append(b, s...)
	}
	for _, r := range s {
		b = utf8.AppendRune(b, r)
	}
	return b
}

func appendSpaces(b []byte, n int) []byte { return appendRepeated(b, ' ', n) }

func appendRepeated(b []byte, c byte, n int) []byte {
	for range n {
		b = append(b, c)
	}
	return b
}

// summaryLine is the last line of the report, such as
// "3 problems (1 error, 2 warnings, 0 info) in 2 of 5 files; 1 file could not be parsed".
func summaryLine(s Summary, withFindings int) string {
	var line string
	if s.Findings == 0 {
		line = "no problems in " + plural(s.Files, "file", "files")
	} else {
		line = fmt.Sprintf("%s (%s, %s, %d info) in %d of %s",
			plural(s.Findings, "problem", "problems"), plural(s.Errors, "error", "errors"),
			plural(s.Warnings, "warning", "warnings"), s.Infos, withFindings, plural(s.Files, "file", "files"))
	}
	var hidden []string
	if s.Suppressed > 0 {
		hidden = append(hidden, strconv.Itoa(s.Suppressed)+" suppressed")
	}
	if s.Baselined > 0 {
		hidden = append(hidden, strconv.Itoa(s.Baselined)+" in the baseline")
	}
	if len(hidden) > 0 {
		line += "; " + strings.Join(hidden, ", ")
	}
	if s.FileErrors > 0 {
		line += "; " + plural(s.FileErrors, "file", "files") + " could not be parsed"
	}
	return line
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func severityColor(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return ansiRed
	case model.SeverityWarning:
		return ansiYellow
	case model.SeverityInfo:
		return ansiBlue
	case model.SeverityNone:
	}
	return ""
}

func (t *Text) appendPainted(b []byte, color, s string) []byte {
	b = t.startColor(b, color)
	b = append(b, s...)
	return t.endColor(b, color)
}

func (t *Text) startColor(b []byte, color string) []byte {
	if !t.Color || color == "" {
		return b
	}
	return append(b, color...)
}

func (t *Text) endColor(b []byte, color string) []byte {
	if !t.Color || color == "" {
		return b
	}
	return append(b, ansiReset...)
}

// printable keeps text from the linted files and from policies from acting on the
// terminal: a file could otherwise carry escape sequences into a developer's shell.
// Line breaks become spaces so every header stays on one line; a tab stays, because
// the caret line copies it.
func printable(s string) string {
	if plainASCII(s) || !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r':
			return ' '
		case isControl(r):
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

func appendPrintable(b []byte, s string) []byte { return append(b, printable(s)...) }

// plainASCII is a quick yes for most text: ASCII with no control character but tabs.
func plainASCII(s string) bool {
	for i := range len(s) {
		if c := s[i]; c >= 0x7f || (c < ' ' && c != '\t') {
			return false
		}
	}
	return true
}

func isControl(r rune) bool { return r != '\t' && unicode.IsControl(r) }

// cellWidth is how many terminal cells r takes, so carets stay under the range after
// wide (CJK, most emoji) or combining characters. It follows Unicode's East Asian
// Width property, not the locale, so the output does not depend on the environment.
func cellWidth(r rune) int {
	if r < utf8.RuneSelf {
		return 1 // no ASCII character is wide or combining
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	case width.Neutral, width.EastAsianAmbiguous, width.EastAsianNarrow, width.EastAsianHalfwidth:
	}
	return 1
}
