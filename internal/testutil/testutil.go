// Package testutil holds the helpers the tests of several packages share: finding the
// repository's root and the shared material beside it (../shared: the measurement
// corpus, the official SARIF schema), and validating JSON against a JSON Schema. Only
// tests import it.
package testutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// startDir is the working directory the test binary started in: the package
// directory under `go test`, whatever directory a test moves to later.
var startDir, startErr = os.Getwd()

// Root is the repository's root: the directory holding go.mod, found by walking up
// from the package directory.
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := startDir, startErr
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Shared returns the path of elem under ../shared, the directory beside the
// repository's root that holds material never copied into it. The test is skipped,
// saying so, when that path does not exist: a checkout on its own still passes.
func Shared(tb testing.TB, elem ...string) string {
	tb.Helper()
	path := filepath.Join(append([]string{Root(tb), "..", "shared"}, elem...)...)
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("%s is not there (it comes with ../shared): %v", path, err)
	}
	return path
}

// File is a file of a tree read by ReadFiles.
type File struct {
	Path string
	Src  []byte
}

// ReadFiles reads every regular file under root, in the order filepath.WalkDir visits
// them (lexical). Any error fails the test: the corpus and the fixtures are read whole
// or not at all.
func ReadFiles(tb testing.TB, root string) []File {
	tb.Helper()
	var files []File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: p, Src: src})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// Schema compiles the JSON Schema at path. The draft comes from the file's $schema:
// draft-04 for the official SARIF schema, 2020-12 for ours.
func Schema(tb testing.TB, path string) *jsonschema.Schema {
	tb.Helper()
	sch, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		tb.Fatalf("compile %s: %v", path, err)
	}
	return sch
}

// ErrNotJSON is the error of CheckJSON for text that is not JSON at all.
var ErrNotJSON = errors.New("not JSON")

// CheckJSON validates JSON text against sch: nil when it matches, an error wrapping
// ErrNotJSON when it is not JSON, the schema's validation error otherwise.
func CheckJSON(sch *jsonschema.Schema, data []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotJSON, err)
	}
	return sch.Validate(doc)
}

// ValidateJSON checks that out is JSON that sch accepts: the test stops when out is
// not JSON, and fails, showing out, when it does not match.
func ValidateJSON(tb testing.TB, sch *jsonschema.Schema, out []byte) {
	tb.Helper()
	err := CheckJSON(sch, out)
	switch {
	case errors.Is(err, ErrNotJSON):
		tb.Fatalf("output is %v", err)
	case err != nil:
		tb.Errorf("output does not match the schema:\n%v\n\noutput:\n%s", err, out)
	}
}

// WriteTree writes files (slash-separated path → content) under a new temporary
// directory, and returns it.
func WriteTree(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	WriteFiles(tb, dir, files)
	return dir
}

// WriteFiles writes files (slash-separated path → content) under dir, making the
// directories they need.
func WriteFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
