package rules

import (
	"context"
	"go/format"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infralint/infralint/pkg/model"
)

// TestBuiltinTableCurrent fails when builtin_gen.go no longer says what the policies'
// METADATA says: a rule added, removed or edited without `go generate ./...`.
func TestBuiltinTableCurrent(t *testing.T) {
	src, err := LoadFromSource()
	if err != nil {
		t.Fatal(err)
	}
	want, err := TableSource(src)
	if err != nil {
		t.Fatal(err)
	}
	if want, err = format.Source(want); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("builtin_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("pkg/rules/builtin_gen.go is stale: run `go generate ./...` (-want +got):\n%s", d)
	}

	// What Load builds from the table is what the source says, dynamic types of option
	// defaults included.
	reg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(src.Rules(), reg.Rules()); d != "" {
		t.Errorf("Load and LoadFromSource disagree (-source +table):\n%s", d)
	}
	for _, r := range src.Rules() {
		if d := cmp.Diff(moduleFiles(src.modules[r.ID]), moduleFiles(mustModules(t, reg, r.ID))); d != "" {
			t.Errorf("rule %s: files differ (-source +table):\n%s", r.ID, d)
		}
	}
	libs, err := reg.libModules()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(moduleFiles(src.libs), moduleFiles(libs)); d != "" {
		t.Errorf("library files differ (-source +table):\n%s", d)
	}
}

func mustModules(t *testing.T, reg *Registry, id string) []*ast.Module {
	t.Helper()
	ms, err := reg.modulesOf(id)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func moduleFiles(ms []*ast.Module) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Package.Location.File)
	}
	slices.Sort(out)
	return out
}

// TestBuiltinPoliciesPassEveryCheck compiles every built-in rule of every kind, those off
// by default too, with every compiler stage: the engine skips the check-only ones for
// built-in policies, so this is where a type error, an unused import or a recursion is
// caught. Skipping CheckTypes is only safe without `with` (topdown reads the type
// environment to mock functions), and skipping the annotation stages only without
// rego.metadata calls, so no built-in policy may use either.
func TestBuiltinPoliciesPassEveryCheck(t *testing.T) {
	reg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	kinds := map[model.Kind]bool{}
	for _, r := range reg.Rules() {
		all = append(all, r.ID)
		kinds[r.Target] = true
	}
	eng, err := New(reg, Selection{Only: all})
	if err != nil {
		t.Fatal(err)
	}
	for kind := range kinds {
		for _, full := range []bool{true, false} {
			if _, err := eng.compile(kind, full); err != nil {
				t.Errorf("%s, every stage %t: %v", kind, full, err)
			}
		}
	}
	libs, _ := reg.libModules()
	mods := slices.Clone(libs)
	for _, id := range all {
		mods = append(mods, mustModules(t, reg, id)...)
	}
	for _, m := range mods {
		ast.WalkExprs(m, func(x *ast.Expr) bool {
			if len(x.With) > 0 {
				t.Errorf("%s: `with` in a built-in policy: the engine's compile skips CheckTypes (see checkOnlyStages)", x.Location)
			}
			if x.IsCall() && strings.HasPrefix(x.Operator().String(), "rego.metadata.") {
				t.Errorf("%s: rego.metadata in a built-in policy: the engine's compile skips the annotation stages (see checkOnlyStages)", x.Location)
			}
			return false
		})
	}
}

// TestLazyParse: loading the registry parses no policy, evaluating with the built-in
// plans parses none either, and compiling one kind with topdown parses the libraries and
// that kind's enabled rules only.
func TestLazyParse(t *testing.T) {
	var mu sync.Mutex
	var parsed []string
	parseHook = func(file string) {
		mu.Lock()
		defer mu.Unlock()
		parsed = append(parsed, file)
	}
	defer func() { parseHook = nil }()
	reg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(reg, Selection{}); err != nil {
		t.Fatal(err)
	}
	if len(parsed) > 0 {
		t.Fatalf("Load and New parsed %d files, want none: %v", len(parsed), parsed)
	}
	eng, err := New(reg, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Prepare(context.Background(), PlannedKinds...); err != nil {
		t.Fatal(err)
	}
	if len(parsed) > 0 {
		t.Fatalf("preparing the planned kinds parsed %d files, want none: %v", len(parsed), parsed)
	}
	eng, err = New(reg, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	eng.UseTopdown()
	if err := eng.Prepare(context.Background(), model.KindDockerfile); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, r := range eng.Rules() {
		if r.Target == model.KindDockerfile {
			want[r.Dir] = true
		}
	}
	seen := map[string]bool{}
	for _, f := range parsed {
		dir := f[:strings.LastIndex(f, "/")]
		if !want[dir] && !strings.HasPrefix(f, "lib/") {
			t.Errorf("compiling the Dockerfile rules parsed %s", f)
		}
		seen[dir] = true
	}
	for dir := range want {
		if !seen[dir] {
			t.Errorf("%s was not parsed", dir)
		}
	}
}
