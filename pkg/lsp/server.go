// Package lsp is infralint's language server: it lints the documents an editor has
// open, as the CLI would lint those files, and publishes the findings as diagnostics.
//
// It speaks the Language Server Protocol 3.17 over a byte stream (stdio): initialize,
// shutdown and exit; textDocument/didOpen, didChange (full text), didSave and didClose,
// each followed by textDocument/publishDiagnostics; and textDocument/codeAction, whose
// quick fix inserts an ignore comment above the finding.
//
// A document is linted through a Linter (the CLI's finds the configuration from the
// document's directory and calls lint.Buffer), so an editor shows exactly what CI
// reports: the same rules, configuration, suppressions and ranges. Ranges are
// converted to the protocol's 0-based lines and UTF-16 characters.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
	"github.com/infralint/infralint/pkg/report"
)

// Linter lints one document: text as if it were the file at path (absolute, or for an
// unsaved buffer a path that does not exist). The result holds what the CLI would report
// about that file.
type Linter interface {
	Lint(ctx context.Context, path string, text []byte) (*report.Result, error)
}

// Options configure a server.
type Options struct {
	Version string    // reported in serverInfo
	Log     io.Writer // problems the server meets (standard error); nil discards them
}

// ErrNoShutdown is returned by Serve when the client sent exit without shutdown, or
// closed the stream: the protocol asks for exit code 1 then.
var ErrNoShutdown = errors.New("lsp: the client exited without shutdown")

// source names infralint's diagnostics.
const source = "infralint"

type document struct {
	uri, path  string
	languageID string
	version    int
	text       string
	dirty      bool // changed since its diagnostics were published
}

type server struct {
	conn   *conn
	linter Linter
	opts   Options

	initialized bool
	shutdown    bool
	docs        map[string]*document
	shown       map[string]bool // error messages already shown to the user
}

// Serve runs a server on in and out until the client sends exit, and returns nil after
// a proper shutdown.
func Serve(ctx context.Context, in io.Reader, out io.Writer, linter Linter, opts Options) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &server{conn: newConn(in, out), linter: linter, opts: opts, docs: map[string]*document{}, shown: map[string]bool{}}
	msgs := make(chan *message, 64)
	readErr := make(chan error, 1)
	go func() {
		for {
			m, err := s.conn.read()
			if err != nil {
				readErr <- err
				close(msgs)
				return
			}
			msgs <- m
		}
	}()
	// ended is why the stream ended: after EOF without exit, the protocol's exit code 1.
	ended := func() error {
		if err := <-readErr; !errors.Is(err, io.EOF) {
			return err
		}
		return ErrNoShutdown
	}
	for {
		m, ok := <-msgs
		if !ok {
			return ended()
		}
		closed := false
		exit, err := s.handle(ctx, m)
		// Take whatever else has arrived before linting: a burst of didChange
		// notifications while typing is linted once, at its last text.
	drain:
		for !exit && err == nil {
			select {
			case m, ok := <-msgs:
				if !ok {
					closed = true
					break drain
				}
				exit, err = s.handle(ctx, m)
			default:
				break drain
			}
		}
		switch {
		case err != nil:
			return err
		case exit && s.shutdown:
			return nil
		case exit:
			return ErrNoShutdown
		}
		s.lintDirty(ctx)
		if closed {
			return ended()
		}
	}
}

// handle answers one message. It reports exit when the client asked the server to
// exit; an error only when the stream can no longer be written.
func (s *server) handle(ctx context.Context, m *message) (exit bool, err error) {
	switch {
	case m.Error != nil && m.Method == "" && len(m.ID) == 0:
		// A body that is not JSON: answered with a null ID, as JSON-RPC says.
		return false, s.conn.reply(json.RawMessage("null"), nil, m.Error)
	case m.Method == "":
		return false, nil // a response to a request we never send
	case m.Method == "exit":
		return true, nil
	}
	if !m.isRequest() {
		s.notification(m)
		return false, nil
	}
	result, rerr := s.request(ctx, m)
	return false, s.conn.reply(m.ID, result, rerr)
}

func (s *server) request(_ context.Context, m *message) (any, *rpcError) {
	if s.shutdown {
		return nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shut down"}
	}
	if !s.initialized && m.Method != "initialize" {
		return nil, &rpcError{Code: codeServerNotInitialized, Message: "initialize first"}
	}
	switch m.Method {
	case "initialize":
		if s.initialized {
			return nil, &rpcError{Code: codeInvalidRequest, Message: "initialize was already sent"}
		}
		var p initializeParams
		if err := unmarshal(m.Params, &p); err != nil {
			return nil, err
		}
		s.initialized = true
		return initializeResult{
			Capabilities: serverCapabilities{
				PositionEncoding:   "utf-16",
				TextDocumentSync:   textDocumentSync{OpenClose: true, Change: 1, Save: saveOptions{}},
				CodeActionProvider: codeActionProvider{CodeActionKinds: []string{"quickfix"}},
			},
			ServerInfo: serverInfo{Name: "infralint", Version: s.opts.Version},
		}, nil
	case "shutdown":
		s.shutdown = true
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := unmarshal(m.Params, &p); err != nil {
			return nil, err
		}
		return s.codeActions(p), nil
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not supported: " + m.Method}
}

// notification applies a notification. Malformed ones are logged and dropped, as the
// protocol has no way to answer them.
func (s *server) notification(m *message) {
	if !s.initialized || s.shutdown {
		return
	}
	var err *rpcError
	switch m.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if err = unmarshal(m.Params, &p); err == nil {
			d := &document{uri: p.TextDocument.URI, languageID: p.TextDocument.LanguageID, version: p.TextDocument.Version, text: p.TextDocument.Text, dirty: true}
			d.path = documentPath(d.uri, d.languageID)
			s.docs[d.uri] = d
		}
	case "textDocument/didChange":
		var p didChangeParams
		if err = unmarshal(m.Params, &p); err == nil {
			d := s.docs[p.TextDocument.URI]
			switch {
			case d == nil:
				fmt.Fprintf(s.opts.Log, "infralint lsp: didChange for %s, which is not open\n", p.TextDocument.URI)
			case len(p.ContentChanges) == 0:
			case p.ContentChanges[len(p.ContentChanges)-1].Range != nil:
				fmt.Fprintf(s.opts.Log, "infralint lsp: %s: an incremental change, but the server asked for full text\n", d.uri)
			default:
				d.text = p.ContentChanges[len(p.ContentChanges)-1].Text
				d.version = p.TextDocument.Version
				d.dirty = true
			}
		}
	case "textDocument/didSave":
		var p didSaveParams
		if err = unmarshal(m.Params, &p); err == nil {
			if d := s.docs[p.TextDocument.URI]; d != nil && p.Text != nil {
				d.text = *p.Text
			}
			// A saved file may be another open document's context: the values of a
			// chart, a manifest of the same directory, a .dockerignore, the
			// configuration. Lint them all again.
			for _, d := range s.docs {
				d.dirty = true
			}
		}
	case "textDocument/didClose":
		var p didCloseParams
		if err = unmarshal(m.Params, &p); err == nil {
			if _, ok := s.docs[p.TextDocument.URI]; ok {
				delete(s.docs, p.TextDocument.URI)
				s.publish(p.TextDocument.URI, nil, []diagnostic{})
			}
		}
	}
	if err != nil {
		fmt.Fprintf(s.opts.Log, "infralint lsp: %s: %v\n", m.Method, err)
	}
}

func unmarshal(params json.RawMessage, v any) *rpcError {
	if len(params) == 0 {
		params = json.RawMessage("{}")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return &rpcError{Code: codeInvalidParams, Message: err.Error()}
	}
	return nil
}

// documentPath is the path a document is linted as: its file for a file: URI; for an
// unsaved buffer, a name its language gives, in a directory that does not exist (so
// nothing is read from beside it).
func documentPath(uri, languageID string) string {
	if p, ok := uriToPath(uri); ok {
		return p
	}
	name := "untitled"
	switch strings.ToLower(languageID) {
	case "dockerfile", "containerfile":
		name = "Dockerfile"
	case "dockercompose", "docker-compose", "compose":
		name = "compose.yaml"
	case "yaml", "helm":
		name = "untitled.yaml"
	case "json":
		name = "untitled.json"
	}
	return filepath.Join("untitled:", name)
}

// lintDirty lints the documents changed since their last diagnostics, in URI order.
func (s *server) lintDirty(ctx context.Context) {
	uris := make([]string, 0, len(s.docs))
	for uri, d := range s.docs {
		if d.dirty {
			uris = append(uris, uri)
		}
	}
	sort.Strings(uris)
	for _, uri := range uris {
		d := s.docs[uri]
		d.dirty = false
		res, err := s.linter.Lint(ctx, d.path, []byte(d.text))
		if err != nil {
			msg := "infralint: " + err.Error()
			fmt.Fprintln(s.opts.Log, msg)
			if !s.shown[msg] {
				s.shown[msg] = true
				_ = s.conn.notify("window/showMessage", showMessageParams{Type: 1, Message: msg})
			}
			s.publish(uri, &d.version, []diagnostic{})
			continue
		}
		version := d.version
		s.publish(uri, &version, s.diagnostics(d, res))
	}
}

func (s *server) publish(uri string, version *int, diags []diagnostic) {
	if err := s.conn.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags}); err != nil {
		fmt.Fprintf(s.opts.Log, "infralint lsp: publishing diagnostics: %v\n", err)
	}
}

// diagnostics turns the result of linting d into its diagnostics: its findings, the
// findings elsewhere that name it as a related location (at that location), and the
// errors of its file (those of other files, such as a chart's that does not render,
// at its top).
func (s *server) diagnostics(d *document, res *report.Result) []diagnostic {
	// Positions are converted on the text that was linted: the buffer, or for a file
	// of a Helm chart (rendered from disk) the file as saved.
	sources := func(file string) *model.Source {
		if s := res.Sources[file]; s != nil {
			return s
		}
		for name, s := range res.Sources {
			if samePath(name, file) {
				return s
			}
		}
		if samePath(file, d.path) {
			return model.NewSource([]byte(d.text))
		}
		return nil // positions are converted without the line's text
	}
	src := sources(d.path)
	if src == nil {
		src = model.NewSource([]byte(d.text))
	}
	out := []diagnostic{}
	for _, e := range res.Errors {
		diag := diagnostic{Severity: severityError, Source: source, Message: e.Message}
		switch {
		case samePath(e.File, d.path) && e.Range != nil:
			diag.Range = toLSP(src, *e.Range)
		case samePath(e.File, d.path):
			diag.Range = toLSP(src, src.LineRange(1, 1))
		default:
			diag.Message = e.Error()
			diag.Range = lspRange{}
		}
		out = append(out, diag)
	}
	for _, f := range res.Findings {
		diag := diagnostic{
			Severity: lspSeverity(f.Severity),
			Code:     f.RuleID,
			Source:   source,
			Message:  f.Message,
			Data:     &diagnosticData{Rule: f.RuleID, Line: f.Range.Start.Line},
		}
		if f.Context != "" {
			diag.Message += " (" + f.Context + ")"
		}
		if f.HelpURI != "" {
			diag.CodeDescription = &codeDescription{Href: f.HelpURI}
		}
		if samePath(f.File, d.path) {
			diag.Range = toLSP(src, f.Range)
			for _, l := range f.Related {
				diag.RelatedInformation = append(diag.RelatedInformation, diagnosticRelatedInformation{
					Location: location{URI: fileURI(l.File), Range: toLSP(sources(l.File), l.Range)},
					Message:  cmpOr(l.Message, "related"),
				})
			}
		} else {
			i := slices.IndexFunc(f.Related, func(l model.Location) bool { return samePath(l.File, d.path) })
			if i < 0 {
				continue
			}
			rel := f.Related[i]
			diag.Range = toLSP(src, rel.Range)
			diag.Data.Line = rel.Range.Start.Line
			if rel.Message != "" {
				diag.Message += " [" + rel.Message + "]"
			}
			diag.RelatedInformation = []diagnosticRelatedInformation{{
				Location: location{URI: fileURI(f.File), Range: toLSP(sources(f.File), f.Range)},
				Message:  "reported here",
			}}
		}
		out = append(out, diag)
	}
	return out
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func lspSeverity(s model.Severity) int {
	switch s {
	case model.SeverityError:
		return severityError
	case model.SeverityWarning:
		return severityWarning
	case model.SeverityInfo:
		return severityInformation
	case model.SeverityNone:
	}
	return severityHint
}

// fileURI is the URI of a path a finding names (relative to the working directory,
// or absolute).
func fileURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return pathToURI(abs)
}

func samePath(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// codeActions offers, for each of infralint's diagnostics in the request, a quick fix
// that inserts `# infralint ignore=RULE` on its own line above what the finding is
// about: the Dockerfile instruction that holds it (with its continuation lines and
// heredocs), or the YAML line it starts on, at that line's indentation. The user adds
// the reason after " -- ".
func (s *server) codeActions(p codeActionParams) []codeAction {
	out := []codeAction{}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return out
	}
	src := model.NewSource([]byte(d.text))
	kind := discover.ClassifyContent(d.path, []byte(d.text))
	var nodes model.NodeLocator
	if kind == model.KindDockerfile {
		if doc, _ := dockerfile.Parse(d.path, []byte(d.text)); doc != nil {
			nodes, _ = doc.Locations.(model.NodeLocator)
		}
	}
	newline := "\n"
	if strings.Contains(d.text, "\r\n") {
		newline = "\r\n"
	}
	seen := map[string]bool{}
	for _, diag := range p.Context.Diagnostics {
		if diag.Source != source || diag.Data == nil || diag.Data.Rule == "" {
			continue
		}
		line := min(max(diag.Data.Line, 1), max(src.LineCount(), 1))
		if nodes != nil {
			line = instructionStart(nodes, line)
		}
		key := fmt.Sprintf("%s@%d", diag.Data.Rule, line)
		if seen[key] {
			continue
		}
		seen[key] = true
		text := src.Line(line)
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		out = append(out, codeAction{
			Title:       fmt.Sprintf("Ignore %s here (# infralint ignore=%s)", diag.Data.Rule, diag.Data.Rule),
			Kind:        "quickfix",
			Diagnostics: []diagnostic{diag},
			Edit: workspaceEdit{Changes: map[string][]textEdit{d.uri: {{
				Range:   lspRange{Start: position{Line: line - 1}, End: position{Line: line - 1}},
				NewText: indent + "# infralint ignore=" + diag.Data.Rule + newline,
			}}}},
		})
	}
	return out
}

// instructionStart is the first line of the Dockerfile instruction that holds line.
func instructionStart(nodes model.NodeLocator, line int) int {
	for l := line; l >= 1; l-- {
		if r, ok := nodes.NodeStartingAt("", l); ok {
			if r.End.Line >= line {
				return l
			}
			break // the nearest instruction above ends before line: a comment or blank
		}
	}
	return line
}
