package planeval_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"

	"github.com/infralint/infralint/pkg/planeval"
)

// TestBuiltinPlansFoldLiterals: the plans the engine embeds carry their literals,
// folded when they were generated (the Helm chart rules have none), and all of them:
// folding them again finds nothing more, and writes the same bytes, so the values
// read back exactly as they were written.
func TestBuiltinPlansFoldLiterals(t *testing.T) {
	for name, data := range builtinPlans(t) {
		prog, err := planeval.Unmarshal(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if prog.Literals() == 0 && name != "helm.irp" {
			t.Errorf("%s: no literal statement", name)
		}
		again, n, err := planeval.FoldLiterals(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n != 0 || !bytes.Equal(again, data) {
			t.Errorf("%s: folding the generated plan again folds %d literals and gives %d bytes, not the %d read", name, n, len(again), len(data))
		}
		t.Logf("%s: %d literals", name, prog.Literals())
	}
}

// TestLoadTrustsThePlan: loading builds the literals a plan carries and looks for no
// others. The same policy, unfolded, loads without any literal statement (and
// evaluates as topdown does: TestMatchesTopdown/unfolded); folded, it loads with as many
// as folding found.
func TestLoadTrustsThePlan(t *testing.T) {
	unfolded := encodeModule(t, casesModule, caseEntrypoints()...)
	prog, err := planeval.Unmarshal(unfolded)
	if err != nil {
		t.Fatal(err)
	}
	if prog.Literals() != 0 {
		t.Errorf("the unfolded plan loads with %d literal statements, want 0", prog.Literals())
	}
	folded, n, err := planeval.FoldLiterals(unfolded)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || len(folded) >= len(unfolded) {
		t.Fatalf("folding found %d literals (%d bytes, from %d)", n, len(folded), len(unfolded))
	}
	prog, err = planeval.Unmarshal(folded)
	if err != nil {
		t.Fatal(err)
	}
	if prog.Literals() != n {
		t.Errorf("the folded plan loads with %d literal statements, folding made %d", prog.Literals(), n)
	}
}

func builtinPlans(t *testing.T) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("../rules/plans/*.irp")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no embedded plans found: %v", err)
	}
	out := map[string][]byte{}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(path)] = data
	}
	return out
}

// TestLiteralsShared: the literals a program built at load are read by concurrent
// evaluations (run with -race), and no evaluation changes them for the next.
func TestLiteralsShared(t *testing.T) {
	prog := planCases(t)
	if prog.Literals() == 0 {
		t.Fatal("the cases module has literals, but none was built at load")
	}
	var plans []int
	for _, r := range caseRules {
		idx, ok := prog.Plan("t/" + r)
		if !ok {
			t.Fatalf("no plan for %s", r)
		}
		plans = append(plans, idx)
	}
	data := mustValue(t, caseData)
	inputs := make([]ast.Value, len(caseInputs))
	want := make([][]ast.Value, len(caseInputs))
	for i, in := range caseInputs {
		inputs[i] = mustValue(t, in)
		got, err := prog.Eval(context.Background(), inputs[i], data, plans)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = got
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 50 {
				i := (g + n) % len(inputs)
				got, err := prog.Eval(context.Background(), inputs[i], data, plans)
				if err != nil {
					t.Error(err)
					return
				}
				for k := range got {
					if (got[k] == nil) != (want[i][k] == nil) || (got[k] != nil && ast.Compare(got[k], want[i][k]) != 0) {
						t.Errorf("input %d, %s: %v after other evaluations, %v before", i, caseRules[k], got[k], want[i][k])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestLiteralCopiedOnWrite: a plan that inserts into a literal through another local
// (which OPA's planner does not write, but a plan may) changes its own copy, never the
// value built at load: each evaluation gives ["a", "b"], not one more "b" each time.
func TestLiteralCopiedOnWrite(t *testing.T) {
	policy := &ir.Policy{
		Static: &ir.Static{Strings: []*ir.StringConst{{Value: "result"}, {Value: "a"}, {Value: "b"}}},
		Plans: &ir.Plans{Plans: []*ir.Plan{{Name: "p", Blocks: []*ir.Block{{Stmts: []ir.Stmt{
			&ir.MakeArrayStmt{Capacity: 1, Target: 2},
			&ir.ArrayAppendStmt{Array: 2, Value: str(1)}, // the literal ["a"]
			&ir.AssignVarStmt{Source: local(2), Target: 3},
			&ir.ArrayAppendStmt{Array: 3, Value: str(2)}, // appends through local 3
			&ir.MakeObjectStmt{Target: 4},
			&ir.ObjectInsertStmt{Object: 4, Key: str(0), Value: local(3)},
			&ir.ResultSetAddStmt{Value: 4},
		}}}}}},
		Funcs: &ir.Funcs{},
	}
	evalsUnchanged(t, loadFolded(t, policy, 1), ast.NewArray(ast.StringTerm("a"), ast.StringTerm("b")))
}

// TestNestedLiteralCopiedOnWrite: the collections nested in a literal are shared as
// much as the literal: a plan that takes one out of its literal and appends to it
// changes its own copy. Each evaluation gives ["a", "b"].
func TestNestedLiteralCopiedOnWrite(t *testing.T) {
	policy := &ir.Policy{
		Static: &ir.Static{Strings: []*ir.StringConst{{Value: "result"}, {Value: "a"}, {Value: "b"}, {Value: "k"}}},
		Plans: &ir.Plans{Plans: []*ir.Plan{{Name: "p", Blocks: []*ir.Block{{Stmts: []ir.Stmt{
			&ir.MakeObjectStmt{Target: 2},
			&ir.MakeArrayStmt{Capacity: 1, Target: 3},
			&ir.ArrayAppendStmt{Array: 3, Value: str(1)},
			&ir.ObjectInsertStmt{Object: 2, Key: str(3), Value: local(3)}, // the literal {"k": ["a"]}
			&ir.DotStmt{Source: local(2), Key: str(3), Target: 4},
			&ir.ArrayAppendStmt{Array: 4, Value: str(2)}, // appends to the nested ["a"]
			&ir.MakeObjectStmt{Target: 5},
			&ir.ObjectInsertStmt{Object: 5, Key: str(0), Value: local(4)},
			&ir.ResultSetAddStmt{Value: 5},
		}}}}}},
		Funcs: &ir.Funcs{},
	}
	evalsUnchanged(t, loadFolded(t, policy, 2), ast.NewArray(ast.StringTerm("a"), ast.StringTerm("b")))
}

func str(i int) ir.Operand   { return ir.Operand{Value: ir.StringIndex(i)} }
func local(l int) ir.Operand { return ir.Operand{Value: ir.Local(l)} }

// loadFolded encodes a policy written by hand, folds its literals as the plans'
// generator does, and loads it; it must have folded the given number.
func loadFolded(t *testing.T, policy *ir.Policy, literals int) *planeval.Program {
	t.Helper()
	data, err := planeval.Encode(policy)
	if err != nil {
		t.Fatal(err)
	}
	data, n, err := planeval.FoldLiterals(data)
	if err != nil {
		t.Fatal(err)
	}
	if n != literals {
		t.Fatalf("%d literals folded, want %d", n, literals)
	}
	prog, err := planeval.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if prog.Literals() != literals {
		t.Fatalf("%d literal statements loaded, want %d", prog.Literals(), literals)
	}
	return prog
}

// evalsUnchanged evaluates a program's first plan three times: each must give want,
// which a value built at load and changed by an evaluation would not.
func evalsUnchanged(t *testing.T, prog *planeval.Program, want ast.Value) {
	t.Helper()
	for i := range 3 {
		got, err := prog.Eval(context.Background(), ast.NewObject(), ast.NewObject(), []int{0})
		if err != nil {
			t.Fatal(err)
		}
		if got[0] == nil || ast.Compare(got[0], want) != 0 {
			t.Fatalf("evaluation %d: got %v, want %v", i, got[0], want)
		}
	}
}
