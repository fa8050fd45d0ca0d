package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// testLinter lints as the CLI's linter does, with two stable rules and no
// configuration.
type testLinter struct{ eng *rules.Engine }

func (l testLinter) Lint(ctx context.Context, path string, text []byte) (*report.Result, error) {
	return lint.Buffer(ctx, l.eng, path, text, lint.Options{Changed: true}), nil
}

func newTestLinter(t *testing.T) testLinter {
	t.Helper()
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(reg, rules.Selection{Only: []string{"base-image-untagged", "apt-get-no-install-recommends", "image-tag-latest"}})
	if err != nil {
		t.Fatal(err)
	}
	return testLinter{eng: eng}
}

// start runs a server on pipes and returns the client and the server's result.
func start(t *testing.T, l Linter) (*client, <-chan error, io.Closer) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), inR, outW, l, Options{Version: "test"})
		_ = outW.Close()
	}()
	t.Cleanup(func() { _ = inW.Close(); _ = outR.Close() })
	return newClient(t, outR, inW), done, inW
}

// utf16Col is the UTF-16 offset of the first sub on line.
func utf16Col(line, sub string) int {
	i := strings.Index(line, sub)
	if i < 0 {
		panic(sub + " is not on " + line)
	}
	return len(utf16.Encode([]rune(line[:i])))
}

// TestSession drives a whole session over JSON-RPC: initialize, open a bad
// Dockerfile (diagnostics with LSP ranges: UTF-16 past an emoji), ask for the quick
// fix, fix the buffer (an empty list), close, shut down, exit.
func TestSession(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	path := filepath.Join(dir, "svc", "Dockerfile")
	uri := pathToURI(path)
	c, done, _ := start(t, newTestLinter(t))

	var init initializeResult
	c.call("initialize", map[string]any{"processId": nil, "rootUri": pathToURI(dir), "capabilities": map[string]any{}}, &init)
	if init.Capabilities.TextDocumentSync.Change != 1 || !init.Capabilities.TextDocumentSync.OpenClose || init.ServerInfo.Name != "infralint" {
		t.Errorf("initialize result: %+v", init)
	}
	c.notify("initialized", map[string]any{})

	runLine := "RUN echo \"😀 ok\" && apt-get install -y curl"
	bad := "FROM ubuntu\n" + runLine + "\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 1, "text": bad}})
	p := c.diagnostics(uri)
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version = %v, want 1", p.Version)
	}
	byRule := map[string]diagnostic{}
	for _, d := range p.Diagnostics {
		byRule[d.Code] = d
		if d.Source != "infralint" {
			t.Errorf("source = %q", d.Source)
		}
	}
	from := byRule["base-image-untagged"]
	if want := (lspRange{Start: position{0, 5}, End: position{0, 11}}); from.Range != want || from.Severity != severityWarning {
		t.Errorf("base-image-untagged: range %+v severity %d, want %+v warning", from.Range, from.Severity, want)
	}
	if from.CodeDescription == nil || !strings.HasPrefix(from.CodeDescription.Href, "https://") {
		t.Errorf("codeDescription = %+v, want the rule's help URI", from.CodeDescription)
	}
	apt := byRule["apt-get-no-install-recommends"]
	if apt.Range.Start.Line != 1 || apt.Range.Start.Character != utf16Col(runLine, "apt-get") {
		t.Errorf("apt-get finding at %+v, want line 1 character %d (UTF-16, after an emoji of two units)", apt.Range.Start, utf16Col(runLine, "apt-get"))
	}
	if apt.Range.End.Line != 1 || apt.Range.End.Character <= apt.Range.Start.Character {
		t.Errorf("apt-get finding range %+v", apt.Range)
	}

	// The quick fix: an ignore comment above the instruction.
	var actions []codeAction
	c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        apt.Range,
		"context":      map[string]any{"diagnostics": []diagnostic{apt}},
	}, &actions)
	if len(actions) != 1 {
		t.Fatalf("code actions: %+v", actions)
	}
	edit := actions[0].Edit.Changes[uri]
	if actions[0].Kind != "quickfix" || len(edit) != 1 || edit[0].Range.Start != (position{1, 0}) || edit[0].NewText != "# infralint ignore=apt-get-no-install-recommends\n" {
		t.Errorf("quick fix: %+v", actions[0])
	}
	// Applied, it silences the finding.
	fixed := "FROM ubuntu\n" + edit[0].NewText + runLine + "\n"
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": fixed}},
	})
	p = c.diagnostics(uri)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "base-image-untagged" {
		t.Errorf("after the quick fix: %+v", p.Diagnostics)
	}

	// Fixed for real: an empty list (not null).
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends curl\n"}},
	})
	raw := c.wait(func(m map[string]json.RawMessage) bool {
		return string(m["method"]) == `"textDocument/publishDiagnostics"`
	})
	if !strings.Contains(string(raw["params"]), `"diagnostics":[]`) {
		t.Errorf("fixed buffer: %s", raw["params"])
	}

	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("after close: %+v", p.Diagnostics)
	}
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	if err := <-done; err != nil {
		t.Errorf("Serve after shutdown and exit = %v, want nil", err)
	}
}

// TestProtocolErrors: requests before initialize, unknown methods, a body that is not
// JSON, and exit without shutdown.
func TestProtocolErrors(t *testing.T) {
	c, done, _ := start(t, newTestLinter(t))
	c.send(map[string]any{"id": 1, "method": "textDocument/codeAction", "params": map[string]any{}})
	m := c.wait(func(m map[string]json.RawMessage) bool { return string(m["id"]) == "1" })
	if !strings.Contains(string(m["error"]), "-32002") {
		t.Errorf("before initialize: %s", m["error"])
	}
	c.call("initialize", map[string]any{}, nil)
	c.send(map[string]any{"id": 2, "method": "workspace/symbol", "params": map[string]any{}})
	m = c.wait(func(m map[string]json.RawMessage) bool { return string(m["id"]) == "2" })
	if !strings.Contains(string(m["error"]), "-32601") {
		t.Errorf("unknown method: %s", m["error"])
	}
	if _, err := io.WriteString(c.w, "Content-Length: 5\r\n\r\n{nope"); err != nil {
		t.Fatal(err)
	}
	m = c.wait(func(m map[string]json.RawMessage) bool { return string(m["id"]) == "null" })
	if !strings.Contains(string(m["error"]), "-32700") {
		t.Errorf("bad JSON: %s", m)
	}
	c.notify("exit", nil)
	if err := <-done; !errors.Is(err, ErrNoShutdown) {
		t.Errorf("exit without shutdown = %v, want ErrNoShutdown", err)
	}
}

// TestRelatedDiagnostics: a finding in a chart's template that names a values file
// line is shown in the template, and also in the values file at that line.
func TestRelatedDiagnostics(t *testing.T) {
	tmpl := model.NewSource([]byte("spec:\n  image: \"{{ .Values.image }}\"\n"))
	res := &report.Result{
		Findings: []model.Finding{{
			RuleID: "image-tag-latest", Severity: model.SeverityError, Message: "latest",
			File:  "chart/templates/d.yaml",
			Range: model.Range{Start: model.Position{Line: 2, Column: 3}, End: model.Position{Line: 2, Column: 30}},
			Related: []model.Location{{File: "chart/values.yaml", Message: "value image",
				Range: model.Range{Start: model.Position{Line: 1, Column: 1}, End: model.Position{Line: 1, Column: 20}}}},
		}},
		Sources: map[string]*model.Source{"chart/templates/d.yaml": tmpl},
	}
	s := &server{}
	values := &document{path: "chart/values.yaml", text: "image: nginx:latest\n"}
	d := s.diagnostics(values, res)
	if len(d) != 1 || d[0].Range != (lspRange{Start: position{0, 0}, End: position{0, 19}}) || d[0].Severity != severityError {
		t.Fatalf("values diagnostics: %+v", d)
	}
	if rel := d[0].RelatedInformation; len(rel) != 1 || !strings.HasSuffix(rel[0].Location.URI, "/chart/templates/d.yaml") || rel[0].Location.Range.Start != (position{1, 2}) {
		t.Errorf("related: %+v", rel)
	}
	template := &document{path: "chart/templates/d.yaml", text: string(tmpl.Text)}
	d = s.diagnostics(template, res)
	if len(d) != 1 || len(d[0].RelatedInformation) != 1 || d[0].RelatedInformation[0].Message != "value image" {
		t.Errorf("template diagnostics: %+v", d)
	}
}

func TestPositions(t *testing.T) {
	src := model.NewSource([]byte("a😀b\téé\nx\n"))
	for _, tc := range []struct {
		in   model.Range
		want lspRange
	}{
		// Columns are code points; characters UTF-16 units: the emoji is one and two.
		{model.Range{Start: model.Position{Line: 1, Column: 3}, End: model.Position{Line: 1, Column: 4}}, lspRange{position{0, 3}, position{0, 4}}},
		{model.Range{Start: model.Position{Line: 1, Column: 5}, End: model.Position{Line: 1, Column: 7}}, lspRange{position{0, 5}, position{0, 7}}},
		// Past the end of the line: its end.
		{model.Range{Start: model.Position{Line: 2, Column: 1}, End: model.Position{Line: 2, Column: 99}}, lspRange{position{1, 0}, position{1, 1}}},
		// Past the last line: the end of the last line.
		{model.Range{Start: model.Position{Line: 2, Column: 1}, End: model.Position{Line: 9, Column: 1}}, lspRange{position{1, 0}, position{1, 1}}},
		// Zero and inverted ranges are repaired, never sent as negative positions.
		{model.Range{}, lspRange{}},
	} {
		if got := toLSP(src, tc.in); got != tc.want {
			t.Errorf("toLSP(%v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
	for _, p := range []string{"/tmp/a b/Dockerfile", "/x/ü#1.yaml"} {
		back, ok := uriToPath(pathToURI(p))
		if !ok || back != filepath.FromSlash(p) {
			t.Errorf("%s → %s → %s", p, pathToURI(p), back)
		}
	}
	if got := pathToURI("/tmp/a b/Dockerfile"); got != "file:///tmp/a%20b/Dockerfile" {
		t.Errorf("pathToURI = %s", got)
	}
	if _, ok := uriToPath("untitled:Untitled-1"); ok {
		t.Error("an untitled: URI is no path")
	}
	if diff := cmp.Diff("untitled:/Dockerfile", filepath.ToSlash(documentPath("untitled:Untitled-1", "dockerfile"))); diff != "" {
		t.Error(diff)
	}
}

// TestQuickFixPlacement: the ignore comment goes above the instruction that holds
// the finding (a continued RUN, a heredoc), or above the YAML line, at its indentation.
func TestQuickFixPlacement(t *testing.T) {
	for _, tc := range []struct {
		name, path, text string
		line             int // the finding's line, 1-based
		wantLine         int // where the comment is inserted, 0-based
		wantText         string
	}{
		{"continued RUN", "Dockerfile", "FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    git\n", 3, 1, "# infralint ignore=r\n"},
		{"heredoc", "Dockerfile", "FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n", 3, 1, "# infralint ignore=r\n"},
		{"indented instruction", "Dockerfile", "FROM alpine:3.20\n  RUN true\n", 2, 1, "  # infralint ignore=r\n"},
		{"YAML list item", "k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx\n", 6, 5, "      # infralint ignore=r\n"},
		{"CRLF", "k8s/pod.yaml", "apiVersion: v1\r\nkind: Pod\r\nspec: {}\r\n", 3, 2, "# infralint ignore=r\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &server{docs: map[string]*document{"u": {uri: "u", path: tc.path, text: tc.text}}}
			var p codeActionParams
			p.TextDocument.URI = "u"
			p.Context.Diagnostics = []diagnostic{
				{Source: source, Code: "r", Data: &diagnosticData{Rule: "r", Line: tc.line}},
				{Source: "other", Code: "x"}, // another server's diagnostic: no action
			}
			actions := s.codeActions(p)
			if len(actions) != 1 {
				t.Fatalf("actions: %+v", actions)
			}
			edit := actions[0].Edit.Changes["u"][0]
			if edit.Range.Start != (position{Line: tc.wantLine}) || edit.Range.End != edit.Range.Start || edit.NewText != tc.wantText {
				t.Errorf("edit %+v, want %q inserted at line %d", edit, tc.wantText, tc.wantLine)
			}
		})
	}
}
