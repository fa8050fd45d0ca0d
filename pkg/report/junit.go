package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// JUnit writes a JUnit XML report for CI systems that show test results (GitLab's
// test report, Jenkins, Azure Pipelines, CircleCI, and GitHub actions such as
// mikepenz/action-junit-report).
//
// Each file with findings is a <testsuite> named by its path, and each finding one
// failed <testcase>: a test case per finding (rather than per rule and file) is what
// those UIs can point at, since each carries its own file and line, and its name says
// which rule failed where. A file that could not be read or parsed is a test case with
// an <error>. A run with nothing to report is one passing test case, so the report is
// never an empty one that some CI systems reject.
type JUnit struct {
	W io.Writer
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Report writes one test suite per file, in the result's order.
func (j *JUnit) Report(r *Result) error {
	titles := make(map[string]string, len(r.Rules))
	for _, rule := range r.Rules {
		titles[rule.ID] = rule.Title
	}
	doc := junitSuites{Name: toolName(r.Tool)}
	for _, g := range groupByFile(r) {
		s := junitSuite{Name: g.file}
		for _, e := range g.errors {
			c := junitCase{Name: "file could not be read or parsed", Classname: g.file, File: g.file, Line: 1}
			detail := e.File + ": " + e.Message
			if e.Range != nil {
				rg := clamp(*e.Range)
				c.Line = rg.Start.Line
				detail = fmt.Sprintf("%s:%d:%d: %s", e.File, rg.Start.Line, rg.Start.Column, e.Message)
			}
			c.Error = &junitProblem{Message: e.Message, Type: fileErrorSource, Text: detail}
			s.Cases = append(s.Cases, c)
			s.Errors++
		}
		for _, f := range g.findings {
			if f.Suppressed != nil {
				continue // a suppressed finding is not a failure
			}
			rg := clamp(f.Range)
			c := junitCase{
				Name:      fmt.Sprintf("%s at line %d, column %d", f.RuleID, rg.Start.Line, rg.Start.Column),
				Classname: g.file,
				File:      f.File,
				Line:      rg.Start.Line,
				Failure:   &junitProblem{Message: f.Message, Type: f.Severity.String(), Text: junitDetail(f, rg, titles[f.RuleID])},
			}
			s.Cases = append(s.Cases, c)
			s.Failures++
		}
		if len(s.Cases) == 0 {
			continue
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if len(doc.Suites) == 0 {
		doc.Tests = 1
		doc.Suites = []junitSuite{{Name: toolName(r.Tool), Tests: 1, Cases: []junitCase{{
			Name:      summaryLine(r.Summarize(), 0),
			Classname: toolName(r.Tool),
		}}}}
	}
	return writeXML(j.W, doc)
}

// junitDetail is the failure's text: the finding as the text format's header line, then
// what a reader needs without the file open.
func junitDetail(f model.Finding, rg model.Range, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s [%s] %s", f.File, rg.Start.Line, rg.Start.Column, f.Severity, f.RuleID, f.Message)
	if title != "" {
		b.WriteString("\nRule: " + title)
	}
	if f.Context != "" {
		b.WriteString("\nWhere: " + f.Context)
	}
	if f.HelpURI != "" {
		b.WriteString("\nHelp: " + f.HelpURI)
	}
	return b.String()
}
