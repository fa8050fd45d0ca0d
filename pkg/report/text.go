package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

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

// Report writes r. Everything is built in memory and written at once so a failing
// writer never leaves half a line behind.
func (t *Text) Report(r *Result) error {
	var b strings.Builder
	groups := groupByFile(r)
	for i, g := range groups {
		if i > 0 {
			b.WriteByte('\n')
		}
		t.writeGroup(&b, g, r.Sources[g.file])
	}
	if len(groups) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(summaryLine(r.Summarize(), filesWithFindings(r)))
	b.WriteByte('\n')
	_, err := io.WriteString(t.W, b.String())
	return err
}

// fileGroup is what the text report shows about one file.
type fileGroup struct {
	file     string
	findings []model.Finding
	errors   []model.FileError
}

// groupByFile keeps files in the order their findings come in (the canonical sort),
// then adds files that only have errors, in the order of the errors.
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
		sort.SliceStable(findings, func(i, j int) bool { return lessFinding(&findings[i], &findings[j]) })
	}
	for _, f := range findings {
		g := at(f.File)
		g.findings = append(g.findings, f)
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

// writeGroup writes one file's findings, then its errors. An entry that shows source
// is set off by blank lines so each caret clearly belongs to the header above it; plain
// one-line entries stay together.
func (t *Text) writeGroup(b *strings.Builder, g fileGroup, src *model.Source) {
	gutter := gutterWidth(g, src)
	var entries []textEntry
	for _, f := range g.findings {
		entries = append(entries, t.finding(f, src, gutter))
	}
	for _, e := range g.errors {
		entries = append(entries, t.fileError(e, src, gutter))
	}
	for i, e := range entries {
		if i > 0 && (e.snippet || entries[i-1].snippet) {
			b.WriteByte('\n')
		}
		b.WriteString(e.text)
	}
}

// textEntry is one finding or error, rendered.
type textEntry struct {
	text    string
	snippet bool // text ends with a source line and carets
}

func (t *Text) finding(f model.Finding, src *model.Source, gutter int) textEntry {
	var b strings.Builder
	rg := clamp(f.Range)
	color := severityColor(f.Severity)
	fmt.Fprintf(&b, "%s:%d:%d: %s %s %s", printable(f.File), rg.Start.Line, rg.Start.Column,
		t.paint(color, f.Severity.String()), t.paint(ansiDim, "["+printable(f.RuleID)+"]"), printable(f.Message))
	if f.Context != "" {
		b.WriteString("  (" + printable(f.Context) + ")")
	}
	if f.Suppressed != nil {
		// Suppressed findings are there for audit: one line each, no snippet.
		b.WriteString("  " + t.paint(ansiDim, suppressedMark(f.Suppressed)) + "\n")
		return textEntry{b.String(), false}
	}
	b.WriteByte('\n')
	shown := t.writeSnippet(&b, src, rg, gutter, color)
	return textEntry{b.String(), shown}
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

func (t *Text) fileError(e model.FileError, src *model.Source, gutter int) textEntry {
	var b strings.Builder
	if e.Range == nil {
		fmt.Fprintf(&b, "%s: %s: %s\n", printable(e.File), t.paint(ansiRed, "error"), printable(e.Message))
		return textEntry{b.String(), false}
	}
	rg := clamp(*e.Range)
	fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", printable(e.File), rg.Start.Line, rg.Start.Column,
		t.paint(ansiRed, "error"), printable(e.Message))
	shown := t.writeSnippet(&b, src, rg, gutter, ansiRed)
	return textEntry{b.String(), shown}
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
	for _, f := range g.findings {
		shown(clamp(f.Range).Start.Line)
	}
	for _, e := range g.errors {
		if e.Range != nil {
			shown(clamp(*e.Range).Start.Line)
		}
	}
	return len(strconv.Itoa(widest))
}

// writeSnippet writes the first line of rg with carets under the range, and reports
// whether it could (the source must be at hand and hold the line). A range that spans
// lines is underlined to the end of its first line: the header already says where it
// starts, and the first line is what a reader needs to recognise it.
func (t *Text) writeSnippet(b *strings.Builder, src *model.Source, rg model.Range, gutter int, color string) bool {
	if src == nil || rg.Start.Line > src.LineCount() {
		return false
	}
	line := []rune(printable(src.Line(rg.Start.Line)))
	num := strconv.Itoa(rg.Start.Line)
	fmt.Fprintf(b, "  %*s |", gutter, num)
	if len(line) > 0 {
		b.WriteString(" " + string(line))
	}
	b.WriteByte('\n')

	// A range may start past the end of its line (a missing token): the caret then
	// goes just after the last character.
	from := min(rg.Start.Column-1, len(line))
	to := len(line)
	if rg.End.Line == rg.Start.Line {
		to = min(rg.End.Column-1, len(line))
	}
	var prefix strings.Builder
	for _, r := range line[:from] {
		if r == '\t' {
			prefix.WriteByte('\t') // the terminal expands it exactly as it did above
		} else {
			prefix.WriteString(strings.Repeat(" ", cellWidth(r)))
		}
	}
	carets := 0
	for _, r := range line[from:max(to, from)] {
		if r == '\t' {
			carets++ // its real width depends on the terminal; one caret marks it
		} else {
			carets += cellWidth(r)
		}
	}
	fmt.Fprintf(b, "  %*s | %s%s\n", gutter, "", prefix.String(), t.paint(color, strings.Repeat("^", max(carets, 1))))
	return true
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

func (t *Text) paint(color, s string) string {
	if !t.Color || color == "" {
		return s
	}
	return color + s + ansiReset
}

// printable keeps text from the linted files and from policies from acting on the
// terminal: a file could otherwise carry escape sequences into a developer's shell.
// Line breaks become spaces so every header stays on one line; a tab stays, because
// the caret line copies it.
func printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
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

func isControl(r rune) bool { return r != '\t' && unicode.IsControl(r) }

// cellWidth is how many terminal cells r takes, so carets stay under the range after
// wide (CJK, most emoji) or combining characters. It follows Unicode's East Asian
// Width property, not the locale, so the output does not depend on the environment.
func cellWidth(r rune) int {
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
