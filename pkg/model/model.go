// Package model holds the types every stage of infralint shares: documents, positions,
// rules and findings. It depends on nothing outside the standard library so that
// parsers, the engine and reporters can all use it without depending on each other.
package model

import (
	"fmt"
	"strings"
)

// Kind is the kind of a linted document. Rules are written per kind.
type Kind string

// The document kinds infralint knows.
const (
	KindDockerfile Kind = "dockerfile"
	KindCompose    Kind = "compose"
	KindKubernetes Kind = "kubernetes"
	KindHelm       Kind = "helm"
	// KindCross is the target of the cross-artifact rules: one document per Compose
	// service with a `build:`, holding the service and the Dockerfile stage it builds
	// (pkg/lint links them). Its findings point into either file.
	KindCross Kind = "cross"
	// KindMeta is the target of the built-in rules whose findings the Go pipeline
	// emits rather than a policy (suppression hygiene such as unused-suppression). No
	// document has this kind; a meta rule's Rego file holds only its METADATA.
	KindMeta Kind = "meta"
)

// Position is a place in a source file. Line and Column are 1-based; Column counts
// Unicode code points (a tab is one column), which is what SARIF calls
// "unicodeCodePoints".
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is a span of source text. End is exclusive: it is the position just after the
// last character, as in SARIF's endColumn.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Valid reports whether r is a real range (1-based, start not after end).
func (r Range) Valid() bool {
	if r.Start.Line < 1 || r.Start.Column < 1 || r.End.Line < r.Start.Line || r.End.Column < 1 {
		return false
	}
	return r.End.Line > r.Start.Line || r.End.Column >= r.Start.Column
}

func (r Range) String() string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

// Severity orders findings. The zero value is SeverityNone, which ranks below every
// finding and so serves as "--fail-on none".
type Severity int

// Severities, lowest first.
const (
	SeverityNone Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

var severityNames = [...]string{"none", "info", "warning", "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as written in METADATA, config and flags.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Severity(i), nil
		}
	}
	return SeverityNone, fmt.Errorf("unknown severity %q (want error, warning, info or none)", name)
}

// MarshalText writes the severity's name, so JSON output says "warning", not 2.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Finding is one problem found in one file.
type Finding struct {
	RuleID   string   `json:"rule"`
	Severity Severity `json:"severity"`
	Category string   `json:"category,omitempty"`
	HelpURI  string   `json:"help_uri,omitempty"`
	Message  string   `json:"message"`
	File     string   `json:"file"`
	Range    Range    `json:"range"`
	// Pointer is the structural reference the policy gave (a JSON Pointer into the
	// policy input, such as /instructions/3/commands/1). It is what the range was
	// computed from.
	Pointer string `json:"pointer"`
	// Context names the part of the document the finding concerns, such as a stage
	// ("stage builder"), for readers who do not have the file open.
	Context string `json:"context,omitempty"`
	// Fingerprint identifies the finding across edits elsewhere in the file: it is
	// built from the rule, the file and the text the finding points at, never from
	// line numbers.
	Fingerprint string `json:"fingerprint"`
	// Suppressed is set on a finding that is not reported because an inline directive,
	// an annotation or a baseline covers it. Such findings never count for --fail-on;
	// reporters show them only when the run includes them (--include-suppressed).
	Suppressed *Suppression `json:"suppressed,omitempty"`
	// Related are secondary places the finding concerns, such as the values file line
	// that supplied a Helm template's offending value (SARIF relatedLocations).
	Related []Location `json:"related,omitempty"`
}

// Location is a place in a file, with what it has to do with a finding.
type Location struct {
	File    string `json:"file"`
	Range   Range  `json:"range"`
	Message string `json:"message,omitempty"`
}

// RelatedLocator is an optional interface of a Locator that knows secondary places for
// a pointer (the Helm values file line behind a template value).
type RelatedLocator interface {
	Related(pointer string) []Location
}

// Suppression says why a finding is suppressed.
type Suppression struct {
	// Kind is SARIF's suppression kind: SuppressInSource for a directive or annotation
	// in the linted file, SuppressExternal for a baseline.
	Kind string `json:"kind"`
	// Justification is the reason the directive gives, or what suppressed the finding.
	Justification string `json:"justification,omitempty"`
}

// The suppression kinds (SARIF's names).
const (
	SuppressInSource = "inSource"
	SuppressExternal = "external"
)

// FileError is input that could not be read or parsed. It is reported beside the
// findings of every other file; it never stops the run.
type FileError struct {
	File    string `json:"file"`
	Range   *Range `json:"range,omitempty"`
	Message string `json:"message"`
}

func (e FileError) Error() string {
	if e.Range != nil {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Range.Start.Line, e.Range.Start.Column, e.Message)
	}
	return e.File + ": " + e.Message
}

// Document is one parsed file, ready for the engine.
type Document struct {
	Kind   Kind
	Path   string  // as the user should see it: relative to the working directory when possible
	Source *Source // the file's text, for positions and for reporters that show the line
	// Sources holds the other files the document was built from (Compose overrides,
	// Helm templates and values files), keyed by the path findings use.
	Sources map[string]*Source
	// Input is the policy input: a value that encodes to the JSON the policies see
	// (and that `infralint parse` prints).
	Input any
	// Locations maps JSON Pointers into Input to source ranges.
	Locations Locator
}

// Locator maps a pointer into the policy input to a source range.
type Locator interface {
	// Locate returns the range of the pointer, or of its nearest ancestor that has one.
	Locate(pointer string) Range
	// File returns the file that range is in, when a document is built from several
	// files (a Compose override, a Helm template or values file); "" means Document.Path.
	File(pointer string) string
	// Anchor returns text that identifies what the pointer names and that does not
	// change when unrelated lines are added or removed: the basis of fingerprints.
	Anchor(pointer string) string
	// Context describes where the pointer is, for humans ("stage build"); may be empty.
	Context(pointer string) string
}

// NodeLocator is an optional interface of a Locator that knows the syntax nodes of its
// files. Inline suppressions use it: `# infralint ignore=ID` on a line of its own
// covers the whole node that starts on the first following line that is neither blank
// nor a comment. Without it, such a directive covers that one line only.
//
// The Dockerfile parser implements it (an instruction, with its continuation lines and
// heredocs); the YAML parsers (Compose, Kubernetes, Helm) should too, returning the
// outermost node that starts on the line: a mapping entry from its key to the end of
// its value, or a sequence item with everything nested in it. pkg/yamlpos entries
// (Entry.Range) are exactly these ranges.
type NodeLocator interface {
	// NodeStartingAt returns the range of the outermost node that starts on line (1-based)
	// of file ("" means Document.Path). ok is false when no node starts there, for
	// example when the line continues a node that starts above it.
	NodeStartingAt(file string, line int) (r Range, ok bool)
}
