package policies_test

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/ruledoc"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/policies"
)

var update = flag.Bool("update", false, "rewrite the generated docs (same as go generate ./...)")

// TestEveryDirectoryIsARule fails on a directory under policies/<target>/ that holds no
// rule (a typo in the file name, a rule deleted without its fixtures).
func TestEveryDirectoryIsARule(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, r := range reg.Rules() {
		dirs[r.Dir] = true
	}
	for _, target := range rules.Targets {
		entries, err := fs.ReadDir(policies.FS, string(target))
		if err != nil {
			continue // no rules for this target yet
		}
		for _, e := range entries {
			p := path.Join(string(target), e.Name())
			if e.IsDir() && !dirs[p] {
				t.Errorf("policies/%s holds no rule: want policies/%s/%s.rego", p, p, strings.ReplaceAll(e.Name(), "-", "_"))
			}
		}
	}
	if len(reg.Rules()) < 2 {
		t.Fatalf("only %d rules loaded", len(reg.Rules()))
	}
}

// TestMetadata checks what the registry cannot: rule text conventions.
func TestMetadata(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err) // the registry rejects missing fields, bad severities, duplicate IDs and aliases
	}
	for _, r := range reg.Rules() {
		if r.Title != strings.TrimSuffix(r.Title, ".") {
			t.Errorf("%s: title ends with a period", r.ID)
		}
		if !strings.Contains(r.Description, "\n\n") {
			t.Errorf("%s: description needs a summary paragraph and a paragraph on why and how to fix", r.ID)
		}
		for _, ref := range r.References {
			if !strings.HasPrefix(ref.URL, "https://") {
				t.Errorf("%s: reference %q is not an https URL", r.ID, ref.URL)
			}
		}
		if r.Severity == model.SeverityNone {
			t.Errorf("%s: no severity", r.ID)
		}
	}
}

// TestDocsCurrent fails when docs/rules or the README's rules table is stale.
func TestDocsCurrent(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	root := ".."
	files := ruledoc.Files(policies.FS, reg.Rules())
	for p, want := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if *update {
			if err := os.WriteFile(full, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(full)
		if err != nil {
			t.Errorf("%s is missing: run `go generate ./...`", p)
			continue
		}
		if d := cmp.Diff(want, string(got)); d != "" {
			t.Errorf("%s is stale: run `go generate ./...` (-want +got):\n%s", p, d)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	for _, p := range pages {
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if _, ok := files[rel]; !ok {
			t.Errorf("%s documents no rule: run `go generate ./...`", rel)
		}
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := ruledoc.SpliceReadme(string(readme), reg.Rules())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join(root, "README.md"), []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want != string(readme) {
		t.Errorf("README.md's rules table is stale: run `go generate ./...`")
	}
	if !slices.ContainsFunc(reg.Rules(), func(r model.Rule) bool { return r.Source == "builtin" }) {
		t.Fatal("no built-in rules")
	}
}
