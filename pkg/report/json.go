package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/infralint/infralint/pkg/model"
)

// JSON writes the versioned document described by schemas/report.v1.json. Editors and
// scripts parse it, so it has its own structs below: a change to a model type's JSON
// tags must not silently change this format. Bump jsonVersion (and publish a new
// schema) for any change that is not purely additive.
type JSON struct {
	W io.Writer
}

const jsonVersion = 1

type jsonDocument struct {
	Version  int             `json:"version"`
	Tool     jsonTool        `json:"tool"`
	Findings []jsonFinding   `json:"findings"`
	Errors   []jsonFileError `json:"errors"`
	Summary  Summary         `json:"summary"`
	// SuppressedFindings are shown only with --include-suppressed: a separate list, so
	// that findings keeps meaning "what is reported" for every reader of version 1.
	SuppressedFindings []jsonFinding `json:"suppressed_findings,omitempty"`
}

type jsonTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"information_uri"`
}

type jsonFinding struct {
	Rule        string          `json:"rule"`
	Severity    model.Severity  `json:"severity"`
	Category    string          `json:"category"`
	HelpURI     string          `json:"help_uri"`
	Message     string          `json:"message"`
	File        string          `json:"file"`
	Range       jsonRange       `json:"range"`
	Pointer     string          `json:"pointer"`
	Context     string          `json:"context,omitempty"`
	Fingerprint string          `json:"fingerprint"`
	Related     []jsonLocation  `json:"related,omitempty"`
	Suppressed  *jsonSuppressed `json:"suppressed,omitempty"`
}

// jsonLocation is a related location (added within version 1).
type jsonLocation struct {
	File    string    `json:"file"`
	Range   jsonRange `json:"range"`
	Message string    `json:"message,omitempty"`
}

type jsonSuppressed struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type jsonFileError struct {
	File    string     `json:"file"`
	Range   *jsonRange `json:"range,omitempty"`
	Message string     `json:"message"`
}

type jsonRange struct {
	Start jsonPosition `json:"start"`
	End   jsonPosition `json:"end"`
}

type jsonPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

func toJSONRange(r model.Range) jsonRange {
	r = clamp(r)
	return jsonRange{
		Start: jsonPosition{r.Start.Line, r.Start.Column},
		End:   jsonPosition{r.End.Line, r.End.Column},
	}
}

// Report writes r as one JSON document.
func (j *JSON) Report(r *Result) error {
	doc := jsonDocument{
		Version:  jsonVersion,
		Tool:     jsonTool{Name: toolName(r.Tool), Version: r.Tool.Version, InformationURI: r.Tool.InformationURI},
		Findings: make([]jsonFinding, 0, len(r.Findings)), // [] rather than null for consumers
		Errors:   make([]jsonFileError, 0, len(r.Errors)),
		Summary:  r.Summarize(),
	}
	for _, f := range r.Findings {
		doc.Findings = append(doc.Findings, toJSONFinding(f))
	}
	if r.IncludeSuppressed {
		for _, f := range r.Suppressed {
			doc.SuppressedFindings = append(doc.SuppressedFindings, toJSONFinding(f))
		}
	}
	for _, e := range r.Errors {
		je := jsonFileError{File: e.File, Message: e.Message}
		if e.Range != nil {
			rg := toJSONRange(*e.Range)
			je.Range = &rg
		}
		doc.Errors = append(doc.Errors, je)
	}
	return writeJSON(j.W, doc)
}

func toJSONFinding(f model.Finding) jsonFinding {
	jf := jsonFinding{
		Rule:        f.RuleID,
		Severity:    f.Severity,
		Category:    f.Category,
		HelpURI:     f.HelpURI,
		Message:     f.Message,
		File:        f.File,
		Range:       toJSONRange(f.Range),
		Pointer:     f.Pointer,
		Context:     f.Context,
		Fingerprint: f.Fingerprint,
	}
	for _, l := range f.Related {
		if l.File != "" {
			jf.Related = append(jf.Related, jsonLocation{File: l.File, Range: toJSONRange(l.Range), Message: l.Message})
		}
	}
	if f.Suppressed != nil {
		jf.Suppressed = &jsonSuppressed{Kind: f.Suppressed.Kind, Justification: f.Suppressed.Justification}
	}
	return jf
}

// writeJSON indents with two spaces and ends with a newline. HTML escaping is off:
// nobody embeds the report in a page, and "<" reads better than "\u003c".
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// toolName falls back to "infralint" so a result built without tool details (as in
// tests of other packages) still names its producer, which SARIF requires.
func toolName(t Tool) string {
	if t.Name == "" {
		return "infralint"
	}
	return t.Name
}
