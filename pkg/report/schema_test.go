package report

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/internal/testutil"
)

// TestSARIFSchema checks the SARIF output against the official 2.1.0 schema, which
// lives beside the repository rather than in it.
func TestSARIFSchema(t *testing.T) {
	sch := testutil.Schema(t, testutil.Shared(t, "schemas", "sarif-2.1.0.json"))
	for name, r := range map[string]*Result{
		"sample":  sampleResult(t),
		"empty":   emptyResult(),
		"clamped": brokenRangeResult(),
		"related": ciResult(t),
	} {
		t.Run(name, func(t *testing.T) { testutil.ValidateJSON(t, sch, render(t, "sarif", Options{}, r)) })
	}
}

// TestJSONSchema checks the JSON report against the schema we publish. Both live in
// this repository, so this never skips.
func TestJSONSchema(t *testing.T) {
	sch := testutil.Schema(t, filepath.Join(testutil.Root(t), "schemas", "report.v1.json"))
	for name, r := range map[string]*Result{
		"sample":  sampleResult(t),
		"empty":   emptyResult(),
		"clamped": brokenRangeResult(),
		"related": ciResult(t),
	} {
		t.Run(name, func(t *testing.T) { testutil.ValidateJSON(t, sch, render(t, "json", Options{}, r)) })
	}
}

// TestJSONSchemaRejects makes sure the schema is strict enough to be worth checking
// against: documents that break the contract must fail.
func TestJSONSchemaRejects(t *testing.T) {
	sch := testutil.Schema(t, filepath.Join(testutil.Root(t), "schemas", "report.v1.json"))
	for name, doc := range map[string]string{
		"null findings": `{"version":1,"tool":{"name":"infralint","version":"","information_uri":""},"findings":null,"errors":[],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":0}}`,
		"version 2":     `{"version":2,"tool":{"name":"infralint","version":"","information_uri":""},"findings":[],"errors":[],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":0}}`,
		"unknown field": `{"version":1,"tool":{"name":"infralint","version":"","information_uri":""},"findings":[],"errors":[],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":0},"extra":true}`,
		"line 0":        `{"version":1,"tool":{"name":"infralint","version":"","information_uri":""},"findings":[],"errors":[{"file":"a","message":"m","range":{"start":{"line":0,"column":1},"end":{"line":1,"column":1}}}],"summary":{"files":0,"findings":0,"errors":0,"warnings":0,"infos":0,"file_errors":1}}`,
	} {
		err := testutil.CheckJSON(sch, []byte(doc))
		if errors.Is(err, testutil.ErrNotJSON) {
			t.Fatalf("%s: %v", name, err)
		}
		if err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}
