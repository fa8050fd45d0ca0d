package testutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoot(t *testing.T) {
	root := Root(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("Root = %s, which holds no go.mod: %v", root, err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if rel, err := filepath.Rel(root, wd); err != nil || rel != filepath.Join("internal", "testutil") {
		t.Errorf("Root = %s is not two levels above %s", root, wd)
	}
}

// TestSharedSkips: a path under ../shared that is not there skips the test that
// asks for it, whether or not ../shared itself exists.
func TestSharedSkips(t *testing.T) {
	var reached bool
	ok := t.Run("absent", func(t *testing.T) {
		Shared(t, "no such directory", "x.json")
		reached = true
	})
	if !ok || reached {
		t.Errorf("Shared on a missing path: passed %v, went on %v; want a skip", ok, reached)
	}
}

func TestCheckJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema.json")
	schema := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
		"properties": {"n": {"type": "integer"}}, "required": ["n"], "additionalProperties": false}`
	if err := os.WriteFile(path, []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	sch := Schema(t, path)
	if err := CheckJSON(sch, []byte(`{"n": 1}`)); err != nil {
		t.Errorf("a valid document: %v", err)
	}
	for _, doc := range []string{`{"n": "1"}`, `{}`, `{"n": 1, "m": 2}`, `[]`} {
		if err := CheckJSON(sch, []byte(doc)); err == nil || errors.Is(err, ErrNotJSON) {
			t.Errorf("%s: %v, want a validation error", doc, err)
		}
	}
	if err := CheckJSON(sch, []byte(`{"n": `)); !errors.Is(err, ErrNotJSON) {
		t.Errorf("truncated text: %v, want ErrNotJSON", err)
	}
}

// TestReadFiles: every regular file, in lexical order, with its content; a symbolic
// link is not one.
func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"b/2": "two", "a": "one", "b/1": ""} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a", filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	var got []string
	for _, f := range ReadFiles(t, dir) {
		rel, _ := filepath.Rel(dir, f.Path)
		got = append(got, filepath.ToSlash(rel)+"="+string(f.Src))
	}
	if want := "a=one b/1= b/2=two"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}
