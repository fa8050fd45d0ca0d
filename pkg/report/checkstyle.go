package report

import (
	"encoding/xml"
	"io"

	"github.com/infralint/infralint/pkg/model"
)

// Checkstyle writes Checkstyle's XML report, which Jenkins (Warnings Next Generation),
// reviewdog, SonarQube and many CI dashboards read. Each file with findings is a <file>
// element, each finding an <error> with its line, column, severity, message and the rule
// ID as source. A file that could not be read or parsed gets an <error> with source
// "file-error".
type Checkstyle struct {
	W io.Writer
}

// fileErrorSource names file errors in formats that want a rule for every entry.
const fileErrorSource = "file-error"

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Report writes the files in the order of the result: by path, errors of a file first.
func (c *Checkstyle) Report(r *Result) error {
	doc := checkstyleReport{Version: "4.3"}
	index := map[string]int{}
	add := func(file string, e checkstyleError) {
		i, ok := index[file]
		if !ok {
			i = len(doc.Files)
			index[file] = i
			doc.Files = append(doc.Files, checkstyleFile{Name: file})
		}
		doc.Files[i].Errors = append(doc.Files[i].Errors, e)
	}
	for _, g := range groupByFile(r) {
		for _, e := range g.errors {
			ce := checkstyleError{Line: 1, Severity: "error", Message: e.Message, Source: fileErrorSource}
			if e.Range != nil {
				c := clamp(*e.Range)
				ce.Line, ce.Column = c.Start.Line, c.Start.Column
			}
			add(g.file, ce)
		}
		for _, f := range g.findings {
			if f.Suppressed != nil {
				continue // a suppressed finding is not a problem to show
			}
			rg := clamp(f.Range)
			add(g.file, checkstyleError{
				Line: rg.Start.Line, Column: rg.Start.Column,
				Severity: checkstyleSeverity(f.Severity), Message: f.Message, Source: f.RuleID,
			})
		}
	}
	return writeXML(c.W, doc)
}

func checkstyleSeverity(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "error"
	case model.SeverityWarning:
		return "warning"
	case model.SeverityInfo:
		return "info"
	case model.SeverityNone:
	}
	return "ignore"
}

// writeXML writes the XML declaration and v indented by two spaces, ending with a
// newline. encoding/xml escapes attributes and replaces characters XML cannot hold.
func writeXML(w io.Writer, v any) error {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}
