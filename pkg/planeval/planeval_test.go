package planeval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/compile"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/infralint/infralint/pkg/planeval"
)

// The evaluator is checked against topdown, OPA's reference evaluator: each case is a
// Rego module planned with OPA's own planner, run by both on the same input and data,
// and the values must be equal (undefined included). The cases exercise what the
// planner turns into each kind of statement and control flow: negation, iteration with
// early exits (some, every, membership), comprehensions, partial sets and objects,
// functions with and without else, defaults, built-ins that fail, and options read
// from data as the engine passes them.

const casesModule = `package t

import rego.v1

# negation, iteration and membership
not_any if not has_three
has_three if input.xs[_] == 3
some_big if {
	some x in input.xs
	x > 2
}
every_pos if every x in input.xs { x > 0 }
every_empty if every x in input.empty { x > 100 }
member if 2 in input.xs
member_obj if "b" in input.obj
key_member if input.obj.a
missing := input.nope.deeper
nested_scan contains [i, j] if {
	some i, x in input.xs
	some j, y in input.xs
	x + y == 4
}

# comprehensions
set_c := {y | some x in input.xs; y := x * 2}
arr_c := [x | some x in input.xs; x != 2]
obj_c := {k: count(v) | some k, v in input.strs}
nested_c := [[y | some y in input.xs; y < x] | some x in input.xs]

# partial sets and objects
ps contains x if {
	some x in input.xs
	x > 1
}
po[k] := v if {
	some k, v in input.obj
	v > 1
}

# functions, else, defaults
f(x) := "small" if x < 2
else := "big"
fs := [f(x) | some x in input.xs]
g(x, y) := x + y
gs := g(input.xs[0], 10)
default d := "fallback"
d := input.nope
h(x) if startswith(x, "a")
hs := [s | some s in input.words; h(s)]

# built-ins: a failing one is undefined, not an error
bad_number := to_number("seven")
after_bad if not to_number("seven")
fmt := sprintf("%s-%d", [input.words[0], count(input.xs)])
rx := regex.replace(input.words[1], "[aeiou]", "_")
split_join := concat("/", split("a.b.c", "."))
unicode := count("héllo")
floaty := input.ratio * 2
neg := -1 * input.xs[2]

# array patterns and object lookups
pattern := first + second if {
	[first, second] := [input.xs[0], input.xs[1]]
}
pairs contains k if {
	some [k, v] in [["a", 1], ["b", 2], ["c", 3]]
	v >= 2
}
get := object.get(input.obj, "zz", "dflt")
deep := object.get(input, ["obj", "b"], 0)

# collection literals, which load builds once (literal.go): constant ones, nested ones,
# one in a loop, ones holding numbers and null, ones that are not constant, a set that
# a rule adds to, and a literal a comprehension returns
lit_member contains w if {
	some w in input.words
	w in {"alpha", "zebra"}
}
lit_table := {["alpha", "*"]: ["1.16", 3], ["beta", "k"]: [null, true, {"n": 1.5}]}
lit_lookup contains r if {
	some w in input.words
	some kind in {"*", "k"}
	r := lit_table[[w, kind]]
}
lit_nums := [x | some x in input.xs; x in {1, 2, 3.0}]
lit_mixed := [input.xs, [1, 2], {"a": input.words}]
lit_loop contains s if {
	some x in input.xs
	s := {"x": x, "fixed": ["a", "b"], "same": {"k": [1, null]}}
}
lit_count := count({y | some y in ["a", "b", "a"]})
lit_empty := [{}, [], set()]

# options from data, as the engine passes them
opt_hit contains x if {
	some x in input.words
	x in data.options.allow
}
`

var caseRules = []string{
	"not_any", "some_big", "every_pos", "every_empty", "member", "member_obj", "key_member", "missing", "nested_scan",
	"set_c", "arr_c", "obj_c", "nested_c", "ps", "po", "fs", "gs", "d", "hs",
	"bad_number", "after_bad", "fmt", "rx", "split_join", "unicode", "floaty", "neg",
	"pattern", "pairs", "get", "deep", "opt_hit",
	"lit_member", "lit_table", "lit_lookup", "lit_nums", "lit_mixed", "lit_loop", "lit_count", "lit_empty",
}

var caseInputs = []string{
	`{"xs": [1, 2, 3], "empty": [], "obj": {"a": 1, "b": 2, "c": 3}, "strs": {"p": "ab", "q": "héllo"}, "words": ["alpha", "beta", "gamma"], "ratio": 1.25}`,
	`{"xs": [3, 3, 5], "empty": [], "obj": {"b": 0}, "strs": {}, "words": ["apple", "avocado", "zebra"], "ratio": -0.5}`,
	`{"xs": [-1, 0, 4, 2], "obj": {}, "words": ["", "x", "beta"]}`,
	`{}`,
}

const caseData = `{"options": {"allow": ["beta", "zebra"]}}`

// TestMatchesTopdown runs the cases as the engine's plans are built, their literals
// folded, and as OPA planned them, which a plan written before the folding or by hand
// is: load evaluates those statement by statement, and must give the same.
func TestMatchesTopdown(t *testing.T) {
	unfolded := encodeModule(t, casesModule, caseEntrypoints()...)
	for name, data := range map[string][]byte{"folded": foldPlan(t, unfolded), "unfolded": unfolded} {
		t.Run(name, func(t *testing.T) {
			prog, err := planeval.Unmarshal(data)
			if err != nil {
				t.Fatal(err)
			}
			if folded := prog.Literals() > 0; folded != (name == "folded") {
				t.Fatalf("%d literal statements in the %s plan", prog.Literals(), name)
			}
			matchesTopdown(t, prog)
		})
	}
}

func matchesTopdown(t *testing.T, prog *planeval.Program) {
	data := mustValue(t, caseData)
	for i, in := range caseInputs {
		input := mustValue(t, in)
		var plans []int
		for _, r := range caseRules {
			idx, ok := prog.Plan("t/" + r)
			if !ok {
				t.Fatalf("no plan for %s; plans: %v", r, prog.Plans())
			}
			plans = append(plans, idx)
		}
		got, err := prog.Eval(context.Background(), input, data, plans)
		if err != nil {
			t.Fatalf("input %d: %v", i, err)
		}
		for k, r := range caseRules {
			want := topdownValue(t, r, input)
			if (want == nil) != (got[k] == nil) || (want != nil && ast.Compare(want, got[k]) != 0) {
				t.Errorf("input %d, %s: plan gives %v, topdown %v", i, r, got[k], want)
			}
		}
	}
}

// TestConflictIsAnError: a complete rule with two values is an error in topdown; the
// plan must not pick one of them.
func TestConflictIsAnError(t *testing.T) {
	prog := planModule(t, "package c\n\nimport rego.v1\n\nv := x if {\n\tsome x in input.xs\n}\n", "c/v")
	_, err := prog.Eval(context.Background(), mustValue(t, `{"xs": [1, 2]}`), ast.NewObject(), []int{0})
	if err == nil {
		t.Fatal("two values for a complete rule: want an error")
	}
	got, err := prog.Eval(context.Background(), mustValue(t, `{"xs": [1, 1]}`), ast.NewObject(), []int{0})
	if err != nil || got[0] == nil || ast.Compare(got[0], ast.Number("1")) != 0 {
		t.Fatalf("the same value twice: got %v, %v; want 1", got, err)
	}
}

// TestMemoizedPerEvaluation: a rule's value is computed once per evaluation and not
// carried to the next one with another input.
func TestMemoizedPerEvaluation(t *testing.T) {
	prog := planModule(t, "package m\n\nimport rego.v1\n\nn := count(input.xs)\na := n + 1\nb := n * 2\n", "m/a", "m/b")
	for _, c := range []struct {
		in   string
		a, b string
	}{{`{"xs": [1]}`, "2", "2"}, {`{"xs": [1, 2, 3]}`, "4", "6"}} {
		got, err := prog.Eval(context.Background(), mustValue(t, c.in), ast.NewObject(), []int{0, 1})
		if err != nil {
			t.Fatal(err)
		}
		if ast.Compare(got[0], ast.Number(c.a)) != 0 || ast.Compare(got[1], ast.Number(c.b)) != 0 {
			t.Errorf("%s: got %v, want [%s %s]", c.in, got, c.a, c.b)
		}
	}
}

func TestCancelled(t *testing.T) {
	prog := planModule(t, "package x\n\nimport rego.v1\n\nv := upper(input.s)\n", "x/v")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := prog.Eval(ctx, mustValue(t, `{"s": "a"}`), ast.NewObject(), []int{0})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestCancelledInALoop: a loop that calls no built-in still stops when the context is
// cancelled (here, before it starts). Unchecked, its 64 million iterations end at the
// step bound instead, with another error.
func TestCancelledInALoop(t *testing.T) {
	prog := planModule(t, "package x\n\nimport rego.v1\n\nv := {1 | some a in input.xs; some b in input.xs; some c in input.xs}\n", "x/v")
	xs := make([]*ast.Term, 400)
	for i := range xs {
		xs[i] = ast.InternedTerm(i)
	}
	input := ast.NewObject([2]*ast.Term{ast.InternedTerm("xs"), ast.ArrayTerm(xs...)})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := prog.Eval(ctx, input, ast.NewObject(), []int{0})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestUnmarshalRejectsBadInput(t *testing.T) {
	good := encodeModule(t, "package x\n\nimport rego.v1\n\nv := upper(input.s)\n", "x/v")
	for name, data := range map[string][]byte{
		"empty":      nil,
		"not a plan": []byte("{}"),
		"truncated":  good[:len(good)/2],
		"trailing":   append(append([]byte{}, good...), 0),
	} {
		if _, err := planeval.Unmarshal(data); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	if _, err := planeval.Unmarshal(good); err != nil {
		t.Fatal(err)
	}
}

// TestRefusesWhatItCannotRun: `with` plans to a statement the evaluator does not run;
// encoding fails rather than a plan that evaluates wrongly.
func TestRefusesWhatItCannotRun(t *testing.T) {
	p := planPolicy(t, "package w\n\nimport rego.v1\n\nv := x if {\n\tx := input.a with input.a as 1\n}\n", "w/v")
	if _, err := planeval.Encode(p); err == nil || !strings.Contains(err.Error(), "WithStmt") {
		t.Fatalf("got %v, want an error naming WithStmt", err)
	}
}

func FuzzUnmarshal(f *testing.F) {
	unfolded := encodeModule(f, casesModule, caseEntrypoints()...)
	f.Add(unfolded)
	f.Add(foldPlan(f, unfolded))
	f.Add([]byte("infralint-ir/1\n\x01\x00"))
	input := ast.MustParseTerm(caseInputs[0]).Value
	f.Fuzz(func(t *testing.T, data []byte) {
		prog, err := planeval.Unmarshal(data)
		if err != nil {
			return
		}
		// A plan that loads must evaluate without panicking; errors are fine.
		plans := make([]int, len(prog.Plans()))
		for i := range plans {
			plans[i] = i
		}
		// A mutated plan can loop until the step bound: a deadline keeps each input short.
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, _ = prog.Eval(ctx, input, ast.NewObject(), plans)
	})
}

func caseEntrypoints() []string {
	out := make([]string, len(caseRules))
	for i, r := range caseRules {
		out[i] = "t/" + r
	}
	return out
}

func planCases(t *testing.T) *planeval.Program {
	return planModule(t, casesModule, caseEntrypoints()...)
}

// planModule plans a module and loads it as the engine loads its plans: literals folded.
func planModule(t testing.TB, src string, entrypoints ...string) *planeval.Program {
	t.Helper()
	prog, err := planeval.Unmarshal(foldPlan(t, encodeModule(t, src, entrypoints...)))
	if err != nil {
		t.Fatal(err)
	}
	return prog
}

// foldPlan folds the literals of an encoded plan, as the plans' generator does.
func foldPlan(t testing.TB, plan []byte) []byte {
	t.Helper()
	out, _, err := planeval.FoldLiterals(plan)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// encodeModule plans a module and encodes it as OPA planned it, literals unfolded.
func encodeModule(t testing.TB, src string, entrypoints ...string) []byte {
	t.Helper()
	out, err := planeval.Encode(planPolicy(t, src, entrypoints...))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func planPolicy(t testing.TB, src string, entrypoints ...string) *ir.Policy {
	t.Helper()
	m, err := ast.ParseModuleWithOpts("case.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	b := &bundle.Bundle{Data: map[string]any{}, Modules: []bundle.ModuleFile{{URL: "case.rego", Path: "case.rego", Raw: []byte(src), Parsed: m}}}
	c := compile.New().WithTarget(compile.TargetPlan).WithBundle(b).WithEntrypoints(entrypoints...).
		WithRegoVersion(ast.RegoV1).WithOutput(&bytes.Buffer{})
	if err := c.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	var p ir.Policy
	if err := json.Unmarshal(c.Bundle().PlanModules[0].Raw, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// topdownValue evaluates a rule with topdown, with caseData as the data document, and
// returns its value as OPA's own value (sets stay sets), nil when undefined.
func topdownValue(t *testing.T, rule string, input ast.Value) ast.Value {
	t.Helper()
	ctx := context.Background()
	var d map[string]any
	if err := json.Unmarshal([]byte(caseData), &d); err != nil {
		t.Fatal(err)
	}
	c, err := ast.CompileModulesWithOpt(map[string]string{"case.rego": casesModule}, ast.CompileOpts{ParserOptions: ast.ParserOptions{RegoVersion: ast.RegoV1}})
	if err != nil {
		t.Fatal(err)
	}
	store := inmem.NewFromObject(d)
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)
	q := topdown.NewQuery(ast.MustParseBody("__x = data.t." + rule)).WithCompiler(c).WithStore(store).
		WithTransaction(txn).WithInput(ast.NewTerm(input))
	rs, err := q.Run(ctx)
	if err != nil {
		t.Fatalf("topdown %s: %v", rule, err)
	}
	if len(rs) == 0 {
		return nil
	}
	return rs[0][ast.Var("__x")].Value
}

func mustValue(t *testing.T, s string) ast.Value {
	t.Helper()
	v, err := ast.ParseTerm(s)
	if err != nil {
		t.Fatal(fmt.Errorf("%s: %w", s, err))
	}
	return v.Value
}

// BenchmarkUnmarshal is what a process pays once per document kind before its first
// evaluation: reading the built-in Dockerfile plan (pkg/rules/plans).
func BenchmarkUnmarshal(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "rules", "plans", "dockerfile.irp"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := planeval.Unmarshal(data); err != nil {
			b.Fatal(err)
		}
	}
}
