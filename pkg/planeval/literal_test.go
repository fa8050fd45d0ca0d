package planeval_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"

	"github.com/infralint/infralint/pkg/planeval"
)

// TestBuiltinPlansFoldLiterals: load finds the literals of the plans the engine embeds
// (the Helm chart rules have none).
func TestBuiltinPlansFoldLiterals(t *testing.T) {
	paths, err := filepath.Glob("../rules/plans/*.irp")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no embedded plans found: %v", err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := planeval.Unmarshal(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if prog.Literals() == 0 && filepath.Base(path) != "helm.irp" {
			t.Errorf("%s: no literal built at load", path)
		}
		t.Logf("%s: %d literals", filepath.Base(path), prog.Literals())
	}
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
	str := func(i int) ir.Operand { return ir.Operand{Value: ir.StringIndex(i)} }
	local := func(l int) ir.Operand { return ir.Operand{Value: ir.Local(l)} }
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
	data, err := planeval.Encode(policy)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := planeval.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if prog.Literals() != 1 {
		t.Fatalf("%d literals built at load, want 1", prog.Literals())
	}
	want := ast.NewArray(ast.StringTerm("a"), ast.StringTerm("b"))
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
