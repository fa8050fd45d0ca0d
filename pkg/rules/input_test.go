package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

// TestInputValueMatchesRoundTrip: the input the engine builds by reflection is the value
// ast.InterfaceToValue builds through JSON, for every Dockerfile and Compose fixture and,
// when it is beside the repository, every file of the measurement corpus.
func TestInputValueMatchesRoundTrip(t *testing.T) {
	n := 0
	check := func(doc *model.Document) {
		t.Helper()
		if doc == nil {
			return
		}
		n++
		want, err := ast.InterfaceToValue(doc.Input)
		if err != nil {
			t.Fatalf("%s: %v", doc.Path, err)
		}
		got, err := inputValue(doc.Input)
		if err != nil {
			t.Fatalf("%s: %v", doc.Path, err)
		}
		if ast.Compare(want, got) != 0 {
			t.Errorf("%s: input differs from the JSON round trip\nwant %v\ngot  %v", doc.Path, want, got)
		}
	}
	parse := func(p string, src []byte) {
		base := strings.ToLower(filepath.Base(p))
		switch {
		case strings.Contains(base, "dockerfile") || strings.HasSuffix(base, ".dockerfile"):
			doc, _ := dockerfile.Parse(p, src)
			check(doc)
		case strings.Contains(base, "compose") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
			doc, _ := compose.Parse(p, src, compose.Options{})
			check(doc)
		}
	}
	for _, root := range []string{"../../policies/dockerfile", "../../policies/compose", "../../../shared/corpus/dockerfiles", "../../../shared/corpus/compose"} {
		if _, err := os.Stat(root); err != nil || (testing.Short() && strings.Contains(root, "corpus")) {
			continue
		}
		for _, f := range testutil.ReadFiles(t, root) {
			if strings.Contains(root, "corpus/dockerfiles") {
				doc, _ := dockerfile.Parse(f.Path, f.Src)
				check(doc)
				continue
			}
			parse(f.Path, f.Src)
		}
	}
	if n < 100 {
		t.Errorf("only %d documents compared", n)
	}
	t.Logf("%d documents compared", n)
}

// TestInputValueJSONRules covers the encoding/json rules the walk mirrors.
func TestInputValueJSONRules(t *testing.T) {
	type inner struct {
		N int `json:"n"`
	}
	type doc struct {
		Name    string            `json:"name"`
		Omitted string            `json:"omitted,omitempty"`
		Skipped string            `json:"-"`
		NoTag   bool              //nolint:tagliatelle // the Go name is the key
		Ptr     *inner            `json:"ptr"`
		NilPtr  *inner            `json:"nil_ptr"`
		Nil     []string          `json:"nil"`
		Empty   []string          `json:"empty"`
		Map     map[string]any    `json:"map"`
		Float   float64           `json:"float"`
		Sev     model.Severity    `json:"sev"`
		Bytes   []byte            `json:"bytes"`
		Strs    map[string]string `json:"strs,omitempty"`
		Bad     string            `json:"bad"`
		private int
	}
	in := &doc{
		Name: "x", Skipped: "y", NoTag: true, Ptr: &inner{N: 3}, Empty: []string{},
		Map: map[string]any{"a": []any{1, "b", nil}}, Float: 1.5e-9, Sev: model.SeverityError,
		Bytes: []byte("hi"), Bad: "a\xffb", private: 1,
	}
	want, err := ast.InterfaceToValue(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := inputValue(in)
	if err != nil {
		t.Fatal(err)
	}
	if ast.Compare(want, got) != 0 {
		t.Errorf("want %v\ngot  %v", want, got)
	}
}
