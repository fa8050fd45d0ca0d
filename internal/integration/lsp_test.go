package integration

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lspClient is an editor talking JSON-RPC to `infralint lsp` over its standard
// streams.
type lspClient struct {
	t    *testing.T
	in   io.WriteCloser
	msgs chan map[string]json.RawMessage
	id   int
}

func startLSP(t *testing.T, dir string) (*lspClient, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(binary(t), "lsp", "--stdio")
	cmd.Dir = dir
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("server's standard error:\n%s", stderr.String())
		}
	})
	c := &lspClient{t: t, in: in, msgs: make(chan map[string]json.RawMessage, 100)}
	go func() {
		defer close(c.msgs)
		br := bufio.NewReader(out)
		for {
			h, err := textproto.NewReader(br).ReadMIMEHeader()
			if err != nil {
				return
			}
			n, err := strconv.Atoi(h.Get("Content-Length"))
			if err != nil {
				return
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(br, body); err != nil {
				return
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil {
				c.msgs <- m
			}
		}
	}()
	return c, cmd
}

func (c *lspClient) send(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

func (c *lspClient) call(method string, params any) json.RawMessage {
	c.t.Helper()
	c.id++
	id := strconv.Itoa(c.id)
	c.send(map[string]any{"id": c.id, "method": method, "params": params})
	m := c.wait(func(m map[string]json.RawMessage) bool { return string(m["id"]) == id })
	if e, ok := m["error"]; ok {
		c.t.Fatalf("%s: %s", method, e)
	}
	return m["result"]
}

func (c *lspClient) wait(match func(map[string]json.RawMessage) bool) map[string]json.RawMessage {
	c.t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatal("the server closed its output")
			}
			if match(m) {
				return m
			}
		case <-timeout:
			c.t.Fatal("no message from the server in 2 minutes")
		}
	}
}

type lspDiagnostic struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
}

// diagnostics waits for the next diagnostics of uri.
func (c *lspClient) diagnostics(uri string) []lspDiagnostic {
	c.t.Helper()
	var p struct {
		URI         string          `json:"uri"`
		Diagnostics []lspDiagnostic `json:"diagnostics"`
	}
	c.wait(func(m map[string]json.RawMessage) bool {
		return string(m["method"]) == `"textDocument/publishDiagnostics"` &&
			json.Unmarshal(m["params"], &p) == nil && p.URI == uri
	})
	if p.Diagnostics == nil {
		c.t.Fatalf("diagnostics of %s: null, want a list", uri)
	}
	return p.Diagnostics
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func byCode(ds []lspDiagnostic) map[string]lspDiagnostic {
	out := map[string]lspDiagnostic{}
	for _, d := range ds {
		out[d.Code] = d
	}
	return out
}

// TestLSP drives the built binary's language server as an editor does: initialize,
// open a bad Dockerfile (diagnostics with LSP ranges, the severity the configuration
// gives), fix it (an empty list), then a Kubernetes manifest, a Compose file and a
// Helm chart's template, and shut down.
func TestLSP(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".git/HEAD":         "ref: refs/heads/main\n",
		".infralint.yaml":   "rules:\n  base-image-untagged: error\n",
		"svc/.dockerignore": "*\n!app\n",
		"chart/Chart.yaml":  "apiVersion: v2\nname: web\ndescription: A web server\nversion: 0.1.0\n",
		"chart/values.yaml": "# The image tag.\ntag: latest\n",
		"chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n" +
			"  template:\n    spec:\n      containers:\n        - name: web\n          image: \"nginx:{{ .Values.tag }}\"\n",
	})
	c, cmd := startLSP(t, dir)
	var init struct {
		Capabilities struct {
			TextDocumentSync struct{ Change int } `json:"textDocumentSync"`
		} `json:"capabilities"`
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	if err := json.Unmarshal(c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}}), &init); err != nil {
		t.Fatal(err)
	}
	if init.Capabilities.TextDocumentSync.Change != 1 || init.ServerInfo.Name != "infralint" {
		t.Errorf("initialize: %+v", init)
	}
	c.notify("initialized", map[string]any{})

	// A Dockerfile that exists only in the editor.
	dockerfile := fileURI(filepath.Join(dir, "svc", "Dockerfile"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": dockerfile, "languageId": "dockerfile", "version": 1, "text": badDockerfile,
	}})
	d := byCode(c.diagnostics(dockerfile))
	from, ok := d["base-image-untagged"]
	if !ok {
		t.Fatalf("no base-image-untagged diagnostic: %+v", d)
	}
	// FROM ubuntu:latest: characters 5 to 18 of line 0; an error, as .infralint.yaml says.
	if from.Range.Start.Line != 0 || from.Range.Start.Character != 5 || from.Range.End.Line != 0 || from.Range.End.Character != 18 ||
		from.Severity != 1 || from.Source != "infralint" || from.CodeDescription == nil || from.CodeDescription.Href == "" {
		t.Errorf("base-image-untagged: %+v", from)
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": dockerfile, "version": 2},
		"contentChanges": []map[string]any{{"text": goodDockerfile}},
	})
	if ds := c.diagnostics(dockerfile); len(ds) != 0 {
		t.Errorf("fixed Dockerfile: %+v", ds)
	}

	// A Kubernetes manifest and a Compose file.
	manifest := fileURI(filepath.Join(dir, "k8s", "web.yaml"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": manifest, "languageId": "yaml", "version": 1,
		"text": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n",
	}})
	if tag, ok := byCode(c.diagnostics(manifest))["image-tag-latest"]; !ok || tag.Range.Start.Line != 7 {
		t.Errorf("manifest: image-tag-latest %+v (found %v), want it on line 7", tag, ok)
	}
	compose := fileURI(filepath.Join(dir, "compose.yaml"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": compose, "languageId": "dockercompose", "version": 1,
		"text": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
	}})
	if p, ok := byCode(c.diagnostics(compose))["privileged-service"]; !ok || p.Range.Start.Line != 3 {
		t.Errorf("compose: privileged-service %+v (found %v), want it on line 3", p, ok)
	}

	// A chart's template: the chart is rendered, the finding is in the template.
	template := fileURI(filepath.Join(dir, "chart", "templates", "deployment.yaml"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": template, "languageId": "helm", "version": 1, "text": "unused: the chart on disk is rendered\n",
	}})
	if tag, ok := byCode(c.diagnostics(template))["image-tag-latest"]; !ok || tag.Range.Start.Line != 9 {
		t.Errorf("chart template: image-tag-latest %+v (found %v), want it on line 9", tag, ok)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": template}})
	if _, ok := byCode(c.diagnostics(template))["image-tag-latest"]; !ok {
		t.Error("chart template after save: no image-tag-latest")
	}

	c.call("shutdown", nil)
	c.notify("exit", nil)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after shutdown: %v, want exit code 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("the server did not exit")
	}
}
