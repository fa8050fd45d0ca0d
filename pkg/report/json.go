package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"

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

// jsonDocument is the document JSON writes (see document; Report streams it).
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

// Report writes r as one JSON document: the bytes writeJSON gives for document(r),
// written as it goes, one finding at a time, so that the report of a run with many
// findings is not held in memory a second and a third time (the encoding, then its
// indented copy). A writer that fails may be left with part of the document.
func (j *JSON) Report(r *Result) error {
	s := newJSONStream(j.W, "{", 1)
	s.field("version", jsonVersion)
	s.field("tool", jsonToolOf(r.Tool))
	s.array("findings", len(r.Findings), func(i int) any { return toJSONFinding(r.Findings[i]) })
	s.array("errors", len(r.Errors), func(i int) any { return toJSONFileError(r.Errors[i]) })
	s.field("summary", r.Summarize())
	if r.IncludeSuppressed && len(r.Suppressed) > 0 {
		s.array("suppressed_findings", len(r.Suppressed), func(i int) any { return toJSONFinding(r.Suppressed[i]) })
	}
	return s.end("}")
}

// document is the whole of what Report writes, as one value: the reference its stream
// is tested against.
func document(r *Result) jsonDocument {
	doc := jsonDocument{
		Version:  jsonVersion,
		Tool:     jsonToolOf(r.Tool),
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
		doc.Errors = append(doc.Errors, toJSONFileError(e))
	}
	return doc
}

func jsonToolOf(t Tool) jsonTool {
	return jsonTool{Name: toolName(t), Version: t.Version, InformationURI: t.InformationURI}
}

func toJSONFileError(e model.FileError) jsonFileError {
	je := jsonFileError{File: e.File, Message: e.Message}
	if e.Range != nil {
		rg := toJSONRange(*e.Range)
		je.Range = &rg
	}
	return je
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

// jsonStream writes the fields of a JSON object, or the items of an array, one at a
// time, and the arrays in them element by element, as writeJSON indents the whole
// value: two spaces, no HTML escaping, a final newline. Each value is encoded on its own
// with the indentation of its depth; json.Indent's output is made for such embedding
// (no prefix before the first line). The first error stops the stream and is end's.
type jsonStream struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	depth int // of the fields or items
	n     int // fields or items written
	err   error
}

// newJSONStream writes open, which opens the object or array whose fields or items are
// at depth (in levels of indentation): "{" or "[" and 1 for a whole document.
func newJSONStream(w io.Writer, open string, depth int) *jsonStream {
	s := &jsonStream{w: bufio.NewWriterSize(w, 64<<10), depth: depth}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.put(open)
	return s
}

func indent(depth int) string { return strings.Repeat("  ", depth) }

func (s *jsonStream) put(text string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(text)
	}
}

// value writes v as it appears at depth.
func (s *jsonStream) value(v any, depth int) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	s.enc.SetIndent(indent(depth), "  ")
	if s.err = s.enc.Encode(v); s.err == nil {
		_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	}
}

// next starts the next field or item, on its own line.
func (s *jsonStream) next() {
	if s.n > 0 {
		s.put(",")
	}
	s.n++
	s.put("\n" + indent(s.depth))
}

// item writes the next item of an array.
func (s *jsonStream) item(v any) {
	s.next()
	s.value(v, s.depth)
}

// key starts the next field of an object.
func (s *jsonStream) key(name string) {
	s.next()
	s.value(name, s.depth)
	s.put(": ")
}

func (s *jsonStream) field(name string, v any) {
	s.key(name)
	s.value(v, s.depth)
}

// array writes a field whose value is the array of n elements elem(0) … elem(n-1).
func (s *jsonStream) array(name string, n int, elem func(i int) any) {
	s.key(name)
	if n == 0 {
		s.put("[]")
		return
	}
	s.put("[")
	for i := range n {
		if i > 0 {
			s.put(",")
		}
		s.put("\n" + indent(s.depth+1))
		s.value(elem(i), s.depth+1)
	}
	s.put("\n" + indent(s.depth) + "]")
}

// end writes close, which closes the object or array (and whatever is around it), and
// a newline, and flushes.
func (s *jsonStream) end(close string) error {
	if s.n > 0 {
		s.put("\n" + indent(s.depth-1))
	}
	s.put(close + "\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// toolName falls back to "infralint" so a result built without tool details (as in
// tests of other packages) still names its producer, which SARIF requires.
func toolName(t Tool) string {
	if t.Name == "" {
		return "infralint"
	}
	return t.Name
}
