// Package planeval evaluates Rego policies planned ahead of time to OPA's intermediate
// representation (IR, package github.com/open-policy-agent/opa/v1/ir).
//
// OPA's own evaluator (topdown) works from compiled Rego: compiling the built-in
// policies of one document kind costs 70–200 ms, paid again by every process, which is
// most of a one-file lint. Planning moves that work to build time: `go generate` plans
// the policies once, the plans are embedded, and this package runs them with a plain
// interpreter over OPA's value types. Built-in functions are OPA's own (topdown's
// implementations), so a plan computes exactly what topdown would; the engine keeps
// topdown as the reference and the tests compare both on every fixture and the corpus.
//
// The semantics follow OPA's WebAssembly compiler, the IR's reference implementation:
// a statement that is undefined leaves its block; BreakStmt leaves Index+1 enclosing
// blocks, where a BlockStmt adds no level of its own, a NotStmt's body is one level and
// a ScanStmt's body two (the loop, and the block around it); functions of exactly the
// input and data documents are memoized for the evaluation.
package planeval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Program is a loaded IR policy, ready to evaluate. It is immutable and safe for
// concurrent use.
type Program struct {
	strings []*ast.Term
	numbers map[int]*ast.Term // MakeNumberRefStmt's constants, by string index
	funcs   []*function
	plans   []*plan
	byPlan  map[string]int
	// callees maps each CallStmt to what it calls, resolved once at load.
	callees map[*ir.CallStmt]callee
	// literals is how many literal statements the plan has: collection literals built
	// once, when the plan was read (literal.go).
	literals int
	// evaluations are reused from one Eval to the next: a plan's locals are numbered
	// across the whole policy (a few hundred each, ten thousand for the plans of a
	// kind), and allocating them afresh for every document was most of what an
	// evaluation allocated.
	evaluations sync.Pool
}

type function struct {
	name    string
	index   int
	params  []ir.Local
	ret     ir.Local
	blocks  []*ir.Block
	nlocals int
	memo    bool // a function of the input and data documents only
}

type plan struct {
	name    string
	blocks  []*ir.Block
	nlocals int
}

// callee is a planned function or a built-in one.
type callee struct {
	fn      *function
	builtin topdown.BuiltinFunc
	name    string
}

// load prepares a policy, as decodePolicy read it, for evaluation. It fails on
// statements and built-in functions it cannot run, so a plan either runs as topdown
// would or not at all.
func load(d *decoded) (*Program, error) {
	p := d.policy
	if p.Static == nil || p.Plans == nil {
		return nil, errors.New("IR plan has no static section or no plans")
	}
	prog := &Program{byPlan: map[string]int{}, callees: make(map[*ir.CallStmt]callee, d.calls), numbers: map[int]*ast.Term{},
		strings: d.strings}
	builtins := map[string]topdown.BuiltinFunc{}
	for _, b := range p.Static.BuiltinFuncs {
		f := topdown.GetBuiltin(b.Name)
		if f == nil {
			return nil, fmt.Errorf("IR plan calls built-in %s, which this OPA does not have", b.Name)
		}
		builtins[b.Name] = f
	}
	byName := map[string]*function{}
	if p.Funcs != nil {
		for i, f := range p.Funcs.Funcs {
			fn := &function{name: f.Name, index: i, params: f.Params, ret: f.Return, blocks: f.Blocks,
				memo: len(f.Params) == 2 && f.Params[0] == ir.Input && f.Params[1] == ir.Data}
			prog.funcs = append(prog.funcs, fn)
			byName[f.Name] = fn
		}
	}
	for i, pl := range p.Plans.Plans {
		prog.plans = append(prog.plans, &plan{name: pl.Name, blocks: pl.Blocks})
		prog.byPlan[pl.Name] = i
	}
	var errs []error
	// check resolves calls and constants, refuses what cannot run, and returns how many
	// locals a frame of the blocks needs (one walk: this runs at start-up).
	check := func(owner string, blocks []*ir.Block, named []ir.Local) int {
		high := int(ir.Data)
		for _, l := range named {
			high = max(high, int(l))
		}
		seeLocal := func(l ir.Local) { high = max(high, int(l)) }
		var bad error
		seeOperand := func(o ir.Operand) {
			switch v := o.Value.(type) {
			case ir.Local:
				high = max(high, int(v))
			case ir.StringIndex:
				if v < 0 || int(v) >= len(prog.strings) {
					bad = fmt.Errorf("string constant %d out of range", v)
				}
			}
		}
		err := walkStmts(blocks, func(s ir.Stmt) error {
			eachLocal(s, seeLocal)
			eachOperand(s, seeOperand)
			if bad != nil {
				return bad
			}
			switch s := s.(type) {
			case *ir.CallStmt:
				if fn, ok := byName[s.Func]; ok {
					if len(s.Args) != len(fn.params) {
						return fmt.Errorf("call of %s with %d arguments, not %d", s.Func, len(s.Args), len(fn.params))
					}
					prog.callees[s] = callee{fn: fn, name: s.Func}
					return nil
				}
				if b, ok := builtins[s.Func]; ok {
					prog.callees[s] = callee{builtin: b, name: s.Func}
					return nil
				}
				return fmt.Errorf("call of unknown function %s", s.Func)
			case *ir.WithStmt, *ir.CallDynamicStmt, *ir.ObjectMergeStmt:
				// The planner emits these only for `with`, for refs into data with a
				// variable over rule packages, and for data documents mixing base and
				// virtual values, none of which the built-in policies use. Refusing them
				// keeps the engine on topdown rather than evaluating them wrongly.
				return fmt.Errorf("unsupported statement %T", s)
			case *ir.MakeNumberRefStmt:
				if s.Index < 0 || s.Index >= len(prog.strings) {
					return fmt.Errorf("number constant %d out of range", s.Index)
				}
				n, err := numberConstant(string(prog.strings[s.Index].Value.(ast.String)))
				if err != nil {
					return err
				}
				prog.numbers[s.Index] = n
			case *literal:
				prog.literals++
			}
			return nil
		})
		if err == nil && high >= maxLocals {
			err = fmt.Errorf("uses more than %d locals", maxLocals)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", owner, err))
		}
		return high + 1
	}
	for _, fn := range prog.funcs {
		fn.nlocals = check(fn.name, fn.blocks, append(fn.params, fn.ret))
	}
	for _, pl := range prog.plans {
		pl.nlocals = check(pl.name, pl.blocks, nil)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("IR plan: %w", err)
	}
	if err := prog.checkAcyclic(); err != nil {
		return nil, fmt.Errorf("IR plan: %w", err)
	}
	for _, fn := range prog.funcs {
		prog.bindCalls(fn.blocks)
	}
	for _, pl := range prog.plans {
		prog.bindCalls(pl.blocks)
	}
	return prog, nil
}

// numberConstant is the number a plan writes as text: a MakeNumberRefStmt's string
// constant, or a number in a literal. Text that is not a number is a corrupt plan.
func numberConstant(text string) (*ast.Term, error) {
	if _, err := json.Number(text).Float64(); err != nil {
		return nil, fmt.Errorf("number constant %q: %w", text, err)
	}
	return ast.NumberTerm(json.Number(text)), nil
}

// call is a call statement with what it calls. load puts one in place of each
// CallStmt of the policy (which is the Program's own), so that running a call does not
// look its callee up: the map lookup was a tenth of an evaluation.
type call struct {
	*ir.CallStmt
	callee
}

// bindCalls replaces the call statements of blocks, nested ones too, with calls.
func (p *Program) bindCalls(blocks []*ir.Block) {
	for _, b := range blocks {
		p.bindBlock(b)
	}
}

func (p *Program) bindBlock(b *ir.Block) {
	if b == nil {
		return
	}
	for i, s := range b.Stmts {
		if c, ok := s.(*ir.CallStmt); ok {
			b.Stmts[i] = &call{c, p.callees[c]}
		}
		eachNested(s, p.bindBlock)
	}
}

// checkAcyclic refuses a plan whose functions call themselves, directly or not: Rego
// has no recursion, so only a corrupt plan does, and it would never end.
func (p *Program) checkAcyclic() error {
	calls := make([][]*function, len(p.funcs))
	for _, fn := range p.funcs {
		_ = walkStmts(fn.blocks, func(s ir.Stmt) error {
			if c, ok := s.(*ir.CallStmt); ok && p.callees[c].fn != nil {
				calls[fn.index] = append(calls[fn.index], p.callees[c].fn)
			}
			return nil
		})
	}
	const (
		unseen = iota
		open
		done
	)
	state := make([]int, len(p.funcs))
	var visit func(fn *function) error
	visit = func(fn *function) error {
		switch state[fn.index] {
		case open:
			return fmt.Errorf("%s calls itself", fn.name)
		case done:
			return nil
		}
		state[fn.index] = open
		for _, callee := range calls[fn.index] {
			if err := visit(callee); err != nil {
				return err
			}
		}
		state[fn.index] = done
		return nil
	}
	for _, fn := range p.funcs {
		if err := visit(fn); err != nil {
			return err
		}
	}
	return nil
}

// Plan returns the index of the named plan (an entrypoint such as
// "infralint/rules/dockerfile/user-root/deny").
func (p *Program) Plan(name string) (int, bool) {
	i, ok := p.byPlan[name]
	return i, ok
}

// Plans returns the names of the plans, in index order.
func (p *Program) Plans() []string {
	out := make([]string, len(p.plans))
	for i, pl := range p.plans {
		out[i] = pl.name
	}
	return out
}

// Eval runs the given plans against one input and data document and returns, per
// plan, the values its result set holds for the key "result" (the value of the
// entrypoint, absent when undefined). Plans evaluated together share the memoized
// values of rules, as one topdown query would.
func (p *Program) Eval(ctx context.Context, input, data ast.Value, plans []int) ([]ast.Value, error) {
	ev := p.evaluation(ctx)
	defer p.release(ev)
	out := make([]ast.Value, len(plans))
	in, d := ast.NewTerm(input), ast.NewTerm(data)
	for i, idx := range plans {
		if idx < 0 || idx >= len(p.plans) {
			return nil, fmt.Errorf("no plan %d", idx)
		}
		v, err := ev.runPlan(p.plans[idx], in, d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.plans[idx].name, err)
		}
		out[i] = value(v)
	}
	return out, nil
}

// evaluation returns an evaluation ready to run, from the pool when there is one.
func (p *Program) evaluation(ctx context.Context) *evaluation {
	ev, _ := p.evaluations.Get().(*evaluation)
	if ev == nil {
		ev = &evaluation{prog: p, memo: make([]*ast.Term, len(p.funcs)), memoSet: make([]bool, len(p.funcs))}
		ev.sink = ev.output
	}
	ev.ctx = ctx
	ev.bctx = topdown.BuiltinContext{Context: ctx}
	return ev
}

// release returns ev to the pool, holding no term: what it evaluated can be
// collected, and the next evaluation starts clean.
func (p *Program) release(ev *evaluation) {
	clear(ev.memo)
	clear(ev.memoSet)
	for _, fr := range append(ev.frames, &ev.top) {
		clear(fr.locals)
		fr.ret, fr.result = nil, nil
	}
	clear(ev.operands)
	ev.ctx, ev.bctx, ev.out = nil, topdown.BuiltinContext{}, nil
	ev.depth, ev.steps, ev.nextCheck, ev.scanDepth = 0, 0, 0, 0
	p.evaluations.Put(ev)
}

// eachLocal calls f with each local a statement names directly (not through an
// operand).
func eachLocal(s ir.Stmt, f func(ir.Local)) {
	switch s := s.(type) {
	case *ir.ReturnLocalStmt:
		f(s.Source)
	case *ir.CallStmt:
		f(s.Result)
	case *ir.DotStmt:
		f(s.Target)
	case *ir.LenStmt:
		f(s.Target)
	case *ir.ScanStmt:
		f(s.Source)
		f(s.Key)
		f(s.Value)
	case *ir.AssignIntStmt:
		f(s.Target)
	case *ir.AssignVarStmt:
		f(s.Target)
	case *ir.AssignVarOnceStmt:
		f(s.Target)
	case *ir.ResetLocalStmt:
		f(s.Target)
	case *ir.MakeNullStmt:
		f(s.Target)
	case *ir.MakeNumberIntStmt:
		f(s.Target)
	case *ir.MakeNumberRefStmt:
		f(s.Target)
	case *ir.MakeArrayStmt:
		f(s.Target)
	case *ir.MakeObjectStmt:
		f(s.Target)
	case *ir.MakeSetStmt:
		f(s.Target)
	case *ir.IsDefinedStmt:
		f(s.Source)
	case *ir.IsUndefinedStmt:
		f(s.Source)
	case *ir.ArrayAppendStmt:
		f(s.Array)
	case *ir.ObjectInsertStmt:
		f(s.Object)
	case *ir.ObjectInsertOnceStmt:
		f(s.Object)
	case *ir.SetAddStmt:
		f(s.Set)
	case *ir.ResultSetAddStmt:
		f(s.Value)
	case *literal:
		f(s.target)
	}
}

// eachOperand calls f with each operand of a statement.
func eachOperand(s ir.Stmt, f func(ir.Operand)) {
	switch s := s.(type) {
	case *ir.CallStmt:
		for _, a := range s.Args {
			f(a)
		}
	case *ir.DotStmt:
		f(s.Source)
		f(s.Key)
	case *ir.LenStmt:
		f(s.Source)
	case *ir.AssignVarStmt:
		f(s.Source)
	case *ir.AssignVarOnceStmt:
		f(s.Source)
	case *ir.EqualStmt:
		f(s.A)
		f(s.B)
	case *ir.NotEqualStmt:
		f(s.A)
		f(s.B)
	case *ir.IsArrayStmt:
		f(s.Source)
	case *ir.IsObjectStmt:
		f(s.Source)
	case *ir.IsSetStmt:
		f(s.Source)
	case *ir.ArrayAppendStmt:
		f(s.Value)
	case *ir.ObjectInsertStmt:
		f(s.Key)
		f(s.Value)
	case *ir.ObjectInsertOnceStmt:
		f(s.Key)
		f(s.Value)
	case *ir.SetAddStmt:
		f(s.Value)
	}
}

// walkStmts calls f for every statement of the blocks, nested ones included.
func walkStmts(blocks []*ir.Block, f func(ir.Stmt) error) error {
	for _, b := range blocks {
		if err := walkBlock(b, f); err != nil {
			return err
		}
	}
	return nil
}

func walkBlock(b *ir.Block, f func(ir.Stmt) error) error {
	if b == nil {
		return nil
	}
	for _, s := range b.Stmts {
		if err := f(s); err != nil {
			return err
		}
		var err error
		eachNested(s, func(nb *ir.Block) {
			if err == nil {
				err = walkBlock(nb, f)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachNested calls f with each block nested in a statement.
func eachNested(s ir.Stmt, f func(*ir.Block)) {
	switch s := s.(type) {
	case *ir.BlockStmt:
		for _, b := range s.Blocks {
			f(b)
		}
	case *ir.ScanStmt:
		f(s.Block)
	case *ir.NotStmt:
		f(s.Block)
	case *ir.WithStmt:
		f(s.Block)
	}
}
