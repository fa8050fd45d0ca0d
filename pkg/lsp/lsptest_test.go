package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"testing"
	"time"
)

// client is the editor's side of a JSON-RPC exchange over a pair of pipes (or a
// process's standard streams).
type client struct {
	t      *testing.T
	w      io.Writer
	msgs   chan map[string]json.RawMessage
	nextID int
}

// newClient reads messages from r on a goroutine.
func newClient(t *testing.T, r io.Reader, w io.Writer) *client {
	c := &client{t: t, w: w, msgs: make(chan map[string]json.RawMessage, 100)}
	go func() {
		br := bufio.NewReader(r)
		for {
			tp := textproto.NewReader(br)
			h, err := tp.ReadMIMEHeader()
			if err != nil {
				close(c.msgs)
				return
			}
			n, err := strconv.Atoi(h.Get("Content-Length"))
			if err != nil {
				panic(fmt.Sprintf("bad Content-Length %q", h.Get("Content-Length")))
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(br, body); err != nil {
				close(c.msgs)
				return
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(body, &m); err != nil {
				panic(fmt.Sprintf("server sent bad JSON %q: %v", body, err))
			}
			c.msgs <- m
		}
	}()
	return c
}

func (c *client) send(v map[string]any) {
	c.t.Helper()
	v["jsonrpc"] = "2.0"
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// call sends a request and returns its response, failing on an error response.
func (c *client) call(method string, params any, result any) {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"id": id, "method": method, "params": params})
	m := c.wait(func(m map[string]json.RawMessage) bool { return string(m["id"]) == strconv.Itoa(id) })
	if e, ok := m["error"]; ok {
		c.t.Fatalf("%s: error %s", method, e)
	}
	if result != nil {
		if err := json.Unmarshal(m["result"], result); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m["result"], err)
		}
	}
}

// wait returns the next message that matches, skipping others (logs, other
// documents' diagnostics).
func (c *client) wait(match func(map[string]json.RawMessage) bool) map[string]json.RawMessage {
	c.t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatal("the server closed the stream")
			}
			if match(m) {
				return m
			}
		case <-timeout:
			c.t.Fatal("no answer from the server in 60s")
		}
	}
}

// diagnostics waits for the diagnostics of uri.
func (c *client) diagnostics(uri string) publishDiagnosticsParams {
	c.t.Helper()
	m := c.wait(func(m map[string]json.RawMessage) bool {
		if string(m["method"]) != `"textDocument/publishDiagnostics"` {
			return false
		}
		var p publishDiagnosticsParams
		return json.Unmarshal(m["params"], &p) == nil && p.URI == uri
	})
	var p publishDiagnosticsParams
	if err := json.Unmarshal(m["params"], &p); err != nil {
		c.t.Fatal(err)
	}
	return p
}
