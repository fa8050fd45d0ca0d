// Package report turns the result of a run into text, JSON, SARIF or a CI system's
// format (GitHub annotations, Checkstyle, JUnit, Code Climate). Reporters only
// format: they read no files, no environment and no clock, so the same result always
// gives the same bytes.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// Tool describes the program that produced a result.
type Tool struct {
	Name           string
	Version        string
	InformationURI string
}

// Result is everything a reporter may show.
type Result struct {
	Tool     Tool
	Findings []model.Finding   // sorted by file, line, column, rule
	Errors   []model.FileError // sorted by file, line
	Rules    []model.Rule      // every enabled rule, sorted by ID (SARIF lists them all)
	Files    int               // how many files were linted
	// Sources holds the text of each file that has findings, keyed by Finding.File, so
	// the text reporter can show the offending line without reading the file again.
	// A run (pkg/lint) keeps an excerpt of each (model.Source.Excerpt): the lines its
	// findings, their related locations and its errors start and end on, the first
	// line and the last; reporters must not need others.
	Sources map[string]*model.Source
	// Suppressed holds the findings that suppression comments, annotations or the
	// baseline cover, each with Finding.Suppressed set, sorted like Findings. They never
	// count for --fail-on; the summary counts them, and reporters show them only when
	// IncludeSuppressed is set (--include-suppressed).
	Suppressed        []model.Finding
	IncludeSuppressed bool
	// Baseline is the baseline file the run was compared with; "" for none.
	Baseline string
	// Warnings are problems with suppression comments (an unknown rule, a directive that
	// cannot be read). They are for standard error, not for reports.
	Warnings []model.FileError
}

// Summary counts findings by severity.
type Summary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// FileErrors counts files that could not be read or parsed.
	FileErrors int `json:"file_errors"`
	// Suppressed counts findings that suppression comments or annotations cover;
	// Baselined those recorded in the baseline. Neither is in Findings.
	Suppressed int `json:"suppressed,omitempty"`
	Baselined  int `json:"baselined,omitempty"`
}

// Summarize counts r's findings.
func (r *Result) Summarize() Summary {
	s := Summary{Files: r.Files, Findings: len(r.Findings)}
	errFiles := map[string]bool{}
	for _, e := range r.Errors {
		errFiles[e.File] = true
	}
	s.FileErrors = len(errFiles)
	for _, f := range r.Findings {
		switch f.Severity {
		case model.SeverityError:
			s.Errors++
		case model.SeverityWarning:
			s.Warnings++
		case model.SeverityInfo:
			s.Infos++
		case model.SeverityNone:
		}
	}
	for _, f := range r.Suppressed {
		if f.Suppressed != nil && f.Suppressed.Kind == model.SuppressExternal {
			s.Baselined++
		} else {
			s.Suppressed++
		}
	}
	return s
}

// Sort puts findings and errors in the canonical order, so output is identical
// whatever the parallelism of the run.
func (r *Result) Sort() {
	sortFindings(r.Findings)
	sortFindings(r.Suppressed)
	sort.SliceStable(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return errLine(a) < errLine(b)
	})
	slices.SortFunc(r.Rules, func(a, b model.Rule) int { return strings.Compare(a.ID, b.ID) })
	sort.SliceStable(r.Warnings, func(i, j int) bool {
		a, b := r.Warnings[i], r.Warnings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return errLine(a) < errLine(b)
	})
}

func errLine(e model.FileError) int {
	if e.Range == nil {
		return 0
	}
	return e.Range.Start.Line
}

// sortFindings sorts findings into the canonical order, keeping the order of equal
// ones. A run's findings come mostly sorted (a file's findings together, in order) and
// are sorted twice (the pipeline, then the CLI), so a sorted slice is left as it is:
// a stable sort of tens of thousands of findings moves every one of them several times.
func sortFindings(fs []model.Finding) {
	if !slices.IsSortedFunc(fs, compareFindings) {
		slices.SortStableFunc(fs, compareFindings)
	}
}

// compareFindings is the canonical order of findings: by file, line, column, rule and
// message.
func compareFindings(a, b model.Finding) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Range.Start.Line, b.Range.Start.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Range.Start.Column, b.Range.Start.Column); c != 0 {
		return c
	}
	if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// Reporter writes a result in one format to the writer it was made with.
type Reporter interface {
	Report(r *Result) error
}

// Options are the choices a reporter may need. The CLI fills them in; reporters never
// look at the terminal or the environment themselves.
type Options struct {
	Color bool // ANSI colour in text output
}

// Formats lists the names New accepts.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

var formats = map[string]func(io.Writer, Options) Reporter{
	"text":  func(w io.Writer, o Options) Reporter { return &Text{W: w, Color: o.Color} },
	"json":  func(w io.Writer, _ Options) Reporter { return &JSON{W: w} },
	"sarif": func(w io.Writer, _ Options) Reporter { return &SARIF{W: w} },
	// For CI systems: github.go, checkstyle.go, junit.go, codeclimate.go.
	"github":      func(w io.Writer, _ Options) Reporter { return &GitHub{W: w} },
	"checkstyle":  func(w io.Writer, _ Options) Reporter { return &Checkstyle{W: w} },
	"junit":       func(w io.Writer, _ Options) Reporter { return &JUnit{W: w} },
	"codeclimate": func(w io.Writer, _ Options) Reporter { return &CodeClimate{W: w} },
	"gitlab":      func(w io.Writer, _ Options) Reporter { return &CodeClimate{W: w} }, // GitLab code quality is Code Climate's format
}

// New returns the reporter for a format name.
func New(format string, w io.Writer, opts Options) (Reporter, error) {
	mk, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return mk(w, opts), nil
}
