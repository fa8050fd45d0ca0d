package planeval

import (
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
)

// The planner writes a collection literal of a policy ({"apt-get", "apt"}, a table of
// removed API versions) as statements that build it: a Make statement, then one
// insertion per element. They run each time they are reached: once per command in a
// rule that asks whether a command's program is one of a few, where building the set
// (a map, and a hash per element) costs more than the question. FoldLiterals puts a
// literal statement in place of each such literal, which gives the local the finished
// value. It runs when the plans are built (internal/ruleplan), and the plan file
// carries the values (encode.go), so that loading a plan only decodes them: finding
// the literals is a walk over every statement, a millisecond of each process's start.
// A plan without literal statements is evaluated as it is, statement by statement.
//
// A value built at load is shared by every evaluation, concurrently, so nothing may
// change it. A collection is folded only when every insertion into its local in the
// function is one of the constant insertions right after its Make statement (and so
// was folded with it). That is not enough on its own: the planner reuses a function's
// locals, and a value can reach another local by assignment. So the collections built
// at load, those nested in another included, are marked (literalMark), and an insertion
// into a marked value copies it first (frame.own): copy on write, which the planner,
// inserting only into collections it has just made, never needs. Loading takes a plan's
// literal statements as they are: the first rule, which the folding keeps, only spares
// copies; the second, which keeps the values unchanged, needs nothing of the file.
// Reading OPA's collections is safe for concurrent use: the one lazy state they keep,
// their sorted keys, is guarded by a sync.Once.

// literalMark marks the terms of values built at load, as their location: no other
// term of an evaluation has this one.
var literalMark = &ast.Location{File: "(built at load)"}

// literal gives a local a value built at load.
type literal struct {
	target ir.Local
	term   *ast.Term
	ir.Location
}

// FoldLiterals rewrites a plan in the binary form Encode writes: its constant
// collection literals become literal statements, which carry their values. It says how
// many it folded. It works on the plan as Unmarshal reads it, not on the policy Encode
// is given: OPA's JSON decoder gives operands as pointers, which the folder would not
// see as the locals and constants they are.
func FoldLiterals(plan []byte) ([]byte, int, error) {
	d, err := decodePolicy(plan)
	if err != nil {
		return nil, 0, fmt.Errorf("reading IR plan: %w", err)
	}
	n := foldPolicy(d)
	out, err := Encode(d.policy)
	if err != nil {
		return nil, 0, err
	}
	return out, n, nil
}

// foldPolicy replaces the constant collection literals of every function and plan of a
// policy with literal statements, and says how many it replaced.
func foldPolicy(d *decoded) int {
	p := d.policy
	statics := &policyConstants{strings: d.strings, numbers: map[int]*ast.Term{}}
	n := 0
	fold := func(blocks []*ir.Block) {
		f := folder{statics: statics, body: blocks}
		f.blocks(blocks)
		n += f.folded
	}
	for _, fn := range p.Funcs.Funcs {
		fold(fn.Blocks)
	}
	for _, pl := range p.Plans.Plans {
		fold(pl.Blocks)
	}
	return n
}

// policyConstants are the string and number constants of a policy, as terms.
type policyConstants struct {
	strings []*ast.Term
	numbers map[int]*ast.Term // by string index, made when first asked for
}

// str is the string constant at index i; a plan that names no string there has no
// literal to fold.
func (c *policyConstants) str(i ir.StringIndex) (*ast.Term, bool) {
	if i < 0 || int(i) >= len(c.strings) {
		return nil, false
	}
	return c.strings[i], true
}

// number is the number constant a MakeNumberRefStmt makes from the string at index i,
// as load makes it.
func (c *policyConstants) number(i int) (*ast.Term, bool) {
	if t, ok := c.numbers[i]; ok {
		return t, true
	}
	if i < 0 || i >= len(c.strings) {
		return nil, false
	}
	t, err := numberConstant(string(c.strings[i].Value.(ast.String)))
	if err != nil {
		return nil, false
	}
	c.numbers[i] = t
	return t, true
}

// insertionInto is the local a statement inserts into, if it is an insertion.
func insertionInto(s ir.Stmt) (ir.Local, bool) {
	switch s := s.(type) {
	case *ir.SetAddStmt:
		return s.Set, true
	case *ir.ArrayAppendStmt:
		return s.Array, true
	case *ir.ObjectInsertStmt:
		return s.Object, true
	case *ir.ObjectInsertOnceStmt:
		return s.Object, true
	}
	return 0, false
}

// writes is the local a statement gives a new value, if any.
func writes(s ir.Stmt) (ir.Local, bool) {
	switch s := s.(type) {
	case *ir.CallStmt:
		return s.Result, true
	case *ir.DotStmt:
		return s.Target, true
	case *ir.LenStmt:
		return s.Target, true
	case *ir.AssignIntStmt:
		return s.Target, true
	case *ir.AssignVarStmt:
		return s.Target, true
	case *ir.AssignVarOnceStmt:
		return s.Target, true
	case *ir.ResetLocalStmt:
		return s.Target, true
	case *ir.MakeNullStmt:
		return s.Target, true
	case *ir.MakeNumberIntStmt:
		return s.Target, true
	case *ir.MakeNumberRefStmt:
		return s.Target, true
	case *ir.MakeArrayStmt:
		return s.Target, true
	case *ir.MakeObjectStmt:
		return s.Target, true
	case *ir.MakeSetStmt:
		return s.Target, true
	case *literal:
		return s.target, true
	}
	return 0, false
}

// folder folds the literals of one function.
type folder struct {
	statics *policyConstants
	body    []*ir.Block
	inserts map[ir.Local]int // insertions into each local in the body, counted when first asked
	folded  int
}

// insertions is how many statements of the function insert into l.
func (f *folder) insertions(l ir.Local) int {
	if f.inserts == nil {
		f.inserts = map[ir.Local]int{}
		_ = walkStmts(f.body, func(s ir.Stmt) error {
			if l, ok := insertionInto(s); ok {
				f.inserts[l]++
			}
			return nil
		})
	}
	return f.inserts[l]
}

// building is a collection literal being read from the statements of a block.
type building struct {
	at       int // index of its Make statement
	make     ir.Stmt
	term     *ast.Term // made at the first insertion: most collections made are not literals
	consumed []int     // indexes of the insertions folded into it
}

// value is the collection being built, made empty when it is first asked for.
func (bd *building) value() *ast.Term {
	if bd.term == nil {
		switch s := bd.make.(type) {
		case *ir.MakeSetStmt:
			bd.term = ast.NewTerm(ast.NewSet())
		case *ir.MakeArrayStmt:
			bd.term = ast.NewTerm(ast.NewArrayWithCapacity(int(s.Capacity)))
		default:
			bd.term = ast.NewTerm(ast.NewObject())
		}
	}
	return bd.term
}

func (f *folder) blocks(blocks []*ir.Block) {
	for _, b := range blocks {
		if b != nil {
			f.block(b)
		}
	}
}

// block folds the literals of one block's statements, then of the blocks nested in
// them. A literal is read from consecutive statements of one block: its Make statement
// and its insertions, interleaved with those of the literals nested in it and with the
// number and null constants it holds.
func (f *folder) block(b *ir.Block) {
	if b == nil {
		return
	}
	if slices.ContainsFunc(b.Stmts, makesCollection) {
		f.fold(b)
	}
	for _, s := range b.Stmts {
		eachNested(s, f.block)
	}
}

func makesCollection(s ir.Stmt) bool {
	switch s.(type) {
	case *ir.MakeSetStmt, *ir.MakeArrayStmt, *ir.MakeObjectStmt:
		return true
	}
	return false
}

// fold folds the literals read from the statements of b itself.
func (f *folder) fold(b *ir.Block) {
	open := map[ir.Local]*building{}
	consts := map[ir.Local]*ast.Term{}
	dropped := false // the folded insertions are set to nil, then left out
	// finish ends the literal of l: it is folded when it took every insertion into l.
	finish := func(l ir.Local) {
		bd, ok := open[l]
		if !ok {
			return
		}
		delete(open, l)
		if len(bd.consumed) != f.insertions(l) {
			return
		}
		term := bd.value()
		term.Location = literalMark
		b.Stmts[bd.at] = &literal{target: l, term: term, Location: *b.Stmts[bd.at].GetLocation()}
		for _, i := range bd.consumed {
			b.Stmts[i] = nil
		}
		dropped = dropped || len(bd.consumed) > 0
		consts[l] = term
		f.folded++
	}
	constant := func(o ir.Operand) (*ast.Term, bool) {
		switch v := o.Value.(type) {
		case ir.StringIndex:
			return f.statics.str(v)
		case ir.Bool:
			return ast.InternedTerm(bool(v)), true
		case ir.Local:
			finish(v) // a literal nested in another is complete when it is inserted
			t, ok := consts[v]
			return t, ok
		}
		return nil, false
	}
	for i, s := range b.Stmts {
		if f.insertion(s, open, constant, i) {
			continue
		}
		// Anything else that names an open literal's local reads it, complete or not;
		// a statement with blocks of its own may read any of them.
		nested := false
		switch s.(type) {
		case *ir.BlockStmt, *ir.ScanStmt, *ir.NotStmt, *ir.WithStmt:
			nested = true
			for l := range open {
				finish(l)
			}
		}
		eachLocal(s, finish)
		eachOperand(s, func(o ir.Operand) {
			if l, ok := o.Value.(ir.Local); ok {
				finish(l)
			}
		})
		if l, ok := writes(s); ok {
			delete(consts, l)
		}
		if nested {
			clear(consts) // its blocks may write any local
		}
		switch s := s.(type) {
		case *ir.MakeSetStmt:
			open[s.Target] = &building{at: i, make: s}
		case *ir.MakeArrayStmt:
			open[s.Target] = &building{at: i, make: s}
		case *ir.MakeObjectStmt:
			open[s.Target] = &building{at: i, make: s}
		case *ir.MakeNullStmt:
			consts[s.Target] = ast.InternedNullTerm
		case *ir.MakeNumberIntStmt:
			consts[s.Target] = intTerm(s.Value)
		case *ir.MakeNumberRefStmt:
			if t, ok := f.statics.number(s.Index); ok {
				consts[s.Target] = t
			}
		}
	}
	for l := range open {
		finish(l)
	}
	if dropped {
		b.Stmts = slices.DeleteFunc(b.Stmts, func(s ir.Stmt) bool { return s == nil })
	}
}

// insertion folds statement i into an open literal when it inserts constants into it,
// as the evaluator would insert them. It says whether it did.
func (f *folder) insertion(s ir.Stmt, open map[ir.Local]*building, constant func(ir.Operand) (*ast.Term, bool), i int) bool {
	l, ok := insertionInto(s)
	if !ok {
		return false
	}
	bd, ok := open[l]
	if !ok {
		return false
	}
	switch s := s.(type) {
	case *ir.SetAddStmt:
		v, ok := constant(s.Value)
		if !ok {
			return false
		}
		bd.value().Value.(ast.Set).Add(v)
	case *ir.ArrayAppendStmt:
		v, ok := constant(s.Value)
		if !ok {
			return false
		}
		t := bd.value()
		t.Value = t.Value.(*ast.Array).Append(v)
	case *ir.ObjectInsertStmt:
		k, ok1 := constant(s.Key)
		v, ok2 := constant(s.Value)
		if !ok1 || !ok2 {
			return false
		}
		bd.value().Value.(ast.Object).Insert(k, v)
	default:
		return false // ObjectInsertOnce can fail on a conflict: left to run
	}
	bd.consumed = append(bd.consumed, i)
	return true
}
