package yamlpos

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
)

const doc = `services:
  db:
    image: "postgres:16"   # the database
    ports: [ "5432:5432" ]
    environment:
      POSTGRES_PASSWORD: secret
    command: |
      run
      forever
  web:
    <<: *defaults
    image: nginx
  "a/b~c":
    x: 1
x-defaults: &defaults
  restart: always
  image: ignored
list:
  - name: one
  - name: two
`

func build(t *testing.T, text string) (*Index, *model.Source) {
	t.Helper()
	// The alias is used before its anchor in doc; move the anchor first for yaml.v3.
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatal(err)
	}
	src := model.NewSource([]byte(text))
	return Build(&n, src), src
}

func TestLookup(t *testing.T) {
	text := strings.Replace(doc, "x-defaults: &defaults\n  restart: always\n  image: ignored\n", "", 1)
	text = "x-defaults: &defaults\n  restart: always\n  image: ignored\n" + text
	ix, src := build(t, text)
	cases := []struct {
		ptr, wantPtr, wantText string
	}{
		{"/services/db/image", "/services/db/image", `image: "postgres:16"`},
		{"/services/db/ports/0", "/services/db/ports/0", `"5432:5432"`},
		{"/services/db/ports", "/services/db/ports", `ports: [ "5432:5432" ]`},
		{"/services/db/environment/POSTGRES_PASSWORD", "/services/db/environment/POSTGRES_PASSWORD", "POSTGRES_PASSWORD: secret"},
		{"/services/db/command", "/services/db/command", "command: |\n      run\n      forever"},
		{"/services/db/healthcheck", "/services/db", ""},                      // missing: the service that lacks it
		{"/services/web/image", "/services/web/image", "image: nginx"},        // written wins over merged
		{"/services/web/restart", "/services/web/restart", "restart: always"}, // merged from the anchor
		{"/services/a~1b~0c/x", "/services/a~1b~0c/x", "x: 1"},
		{"/list/1/name", "/list/1/name", "name: two"},
		{"/nothing/here", "", ""},
	}
	for _, c := range cases {
		got, e := ix.Nearest(c.ptr)
		if got != c.wantPtr {
			t.Errorf("Nearest(%s) = %s, want %s", c.ptr, got, c.wantPtr)
			continue
		}
		if !e.Range.Valid() {
			t.Errorf("Nearest(%s): invalid range %v", c.ptr, e.Range)
		}
		if c.wantText != "" {
			if txt := src.TextOf(e.Range); txt != c.wantText {
				t.Errorf("text of %s = %q, want %q", c.ptr, txt, c.wantText)
			}
		}
	}
}

func TestPointerEscape(t *testing.T) {
	if got := Pointer("a/b", "c~d", "e"); got != "/a~1b/c~0d/e" {
		t.Fatalf("Pointer = %q", got)
	}
	if Parent("/a/b") != "/a" || Parent("/a") != "" {
		t.Fatal("Parent")
	}
}

// TestAliasBomb: aliases are not expanded, so a "billion laughs" document indexes in
// linear time.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := range 20 {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	ix, _ := build(t, b.String())
	if n := len(ix.entries); n > 1000 {
		t.Fatalf("indexed %d entries: aliases were expanded", n)
	}
}
