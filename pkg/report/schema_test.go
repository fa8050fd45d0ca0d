package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// repoRoot is the directory holding go.mod, found by walking up from the test's
// working directory (the package directory under `go test`).
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// compileSchema compiles the JSON Schema at path. The draft comes from the file's
// $schema: draft-04 for the official SARIF schema, 2020-12 for ours.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, out []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("output does not match the schema:\n%v\n\noutput:\n%s", err, out)
	}
}

// TestSARIFSchema checks the SARIF output against the official 2.1.0 schema, which
// lives beside the repository rather than in it.
func TestSARIFSchema(t *testing.T) {
	path := filepath.Join(repoRoot(t), "..", "shared", "schemas", "sarif-2.1.0.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the official SARIF schema is not at %s (it comes with ../shared); not validating: %v", path, err)
	}
	sch := compileSchema(t, path)
	for name, r := range map[string]*Result{
		"sample":  sampleResult(t),
		"empty":   emptyResult(),
		"clamped": brokenRangeResult(),
		"related": ciResult(t),
	} {
		t.Run(name, func(t *testing.T) { validate(t, sch, render(t, "sarif", Options{}, r)) })
	}
}

// TestJSONSchema checks the JSON report against the schema we publish. Both live in
// this repository, so this never skips.
func TestJSONSchema(t *testing.T) {
	sch := compileSchema(t, filepath.Join(repoRoot(t), "schemas", "report.v1.json"))
	for name, r := range map[string]*Result{
		"sample":  sampleResult(t),
		"empty":   emptyResult(),
		"clamped": brokenRangeResult(),
		"related": ciResult(t),
	} {
		t.Run(name, func(t *testing.T) { validate(t, sch, render(t, "json", Options{}, r)) })
	}
}

// TestJSONSchemaRejects makes sure the schema is strict enough to be worth checking
// against: documents that break the contract must fail.
func TestJSONSchemaRejects(t *testing.T) {
	sch := compileSchema(t, filepath.Join(repoRoot(t), "schemas", "report.v1.json"))
	for name, doc := range map[string]string{
		"null findings": `{"version":1,"tool":{"name":"infralint","version":"","information_uri":""},"findings":null,"errors":[],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":0}}`,
		"version 2":     `{"version":2,"tool":{"name":"infralint","version":"","information_uri":""},"findings":[],"errors":[],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":0}}`,
		"unknown field": `{"version":1,"tool":{"name":"infralint","version":"","information_uri":""},"findings":[],"errors":[],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":0},"extra":true}`,
		"line 0":        `{"version":1,"tool":{"name":"infralint","version":"","information_uri":""},"findings":[],"errors":[{"file":"a","message":"m","range":{"start":{"line":0,"column":1},"end":{"line":1,"column":1}}}],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":1}}`,
	} {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(doc)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sch.Validate(v) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}
