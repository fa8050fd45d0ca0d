package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite schemas/config.json (same as go generate ./...)")

// TestSchemaCurrent fails when schemas/config.json is not what the Go types and the
// built-in rules' METADATA give: run `go generate ./...`.
func TestSchemaCurrent(t *testing.T) {
	want, err := Schema(registry(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(testutil.Root(t), "schemas", "config.json")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run `go generate ./...`", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("schemas/config.json is stale: run `go generate ./...` (-want +got):\n%s", d)
	}
}

// validator compiles schemas/config.json and validates YAML text with it.
func validator(t *testing.T) func(text string) error {
	t.Helper()
	sch := testutil.Schema(t, filepath.Join(testutil.Root(t), "schemas", "config.json"))
	return func(text string) error {
		var v any
		if err := yaml.Unmarshal([]byte(text), &v); err != nil {
			return err
		}
		if v == nil {
			v = map[string]any{}
		}
		// JSON Schema validators want JSON's types: round-trip through the JSON decoder.
		var b bytes.Buffer
		if err := yamlToJSON(&b, v); err != nil {
			return err
		}
		return testutil.CheckJSON(sch, b.Bytes())
	}
}

// TestSchemaAgreesWithParse: what the schema accepts, Parse and Check accept, and
// what they reject as a mistake, the schema rejects too, so an editor and infralint
// never disagree.
func TestSchemaAgreesWithParse(t *testing.T) {
	validate := validator(t)
	reg := registry(t)
	good := []string{
		strings.Replace(full, "  apt-get-unpinned-typo-free: null\n", "", 1),
		"",
		// Names as `infralint rules` spells them (infralint also takes any case; the
		// schema, which cannot, is stricter there).
		"rules:\n  DL3008: off\n  DL3015: info\n  user-root: true\n",
		"rules:\n  apt-get-unpinned: {options: {exempt: [curl]}}\n",
	}
	for _, text := range good {
		if err := validate(text); err != nil {
			t.Errorf("schema rejects:\n%s\n%v", text, err)
		}
		c, err := Parse("c.yaml", []byte(text))
		if err == nil {
			err = c.Check(reg)
		}
		if err != nil {
			t.Errorf("Parse rejects:\n%s\n%v", text, err)
		}
	}
	bad := []string{
		"fail_on: error\n",
		"fail-on: fatal\n",
		"version: 2\n",
		"exclude: vendor/\n",
		"rules:\n  base-image-untaged: off\n",
		"rules:\n  DL3008: loud\n",
		"rules:\n  apt-get-unpinned: {options: {exmpt: []}}\n",
		"rules:\n  apt-get-unpinned: {options: {exempt: curl}}\n",
		"rules:\n  run-cd: {options: {a: 1}}\n",
		"overrides:\n  - paths: [x]\n    rules: {DL3008: {options: {exempt: []}}}\n",
		"helm:\n  values-sets: {prod: values.yaml}\n",
		"compose:\n  profile: [a]\n",
	}
	for _, text := range bad {
		if err := validate(text); err == nil {
			t.Errorf("schema accepts:\n%s", text)
		}
		c, err := Parse("c.yaml", []byte(text))
		if err == nil {
			err = c.Check(reg)
		}
		if err == nil {
			t.Errorf("Parse accepts:\n%s", text)
		}
	}
}

// TestDocsExamples: every YAML example in docs/configuration.md is a valid
// configuration, for the schema and for Parse.
func TestDocsExamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testutil.Root(t), "docs", "configuration.md"))
	if err != nil {
		t.Fatal(err)
	}
	validate := validator(t)
	reg := registry(t)
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	if len(blocks) < 3 {
		t.Fatalf("docs/configuration.md has %d yaml examples", len(blocks))
	}
	for _, b := range blocks {
		text := b[1]
		if strings.Contains(text, "# not a configuration file") {
			continue
		}
		if err := validate(text); err != nil {
			t.Errorf("schema rejects the example:\n%s\n%v", text, err)
		}
		c, err := Parse("docs.yaml", []byte(text))
		if err == nil {
			err = c.Check(reg)
		}
		if err != nil {
			t.Errorf("Parse rejects the example:\n%s\n%v", text, err)
		}
	}
}

// yamlToJSON writes a decoded YAML value as JSON.
func yamlToJSON(b *bytes.Buffer, v any) error {
	return json.NewEncoder(b).Encode(v)
}
