package planeval

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
)

// The planner writes a collection literal of a policy ({"apt-get", "apt"}, a table of
// removed API versions) as statements that build it: a Make statement, then one
// insertion per element. They run each time they are reached: once per command in a
// rule that asks whether a command's program is one of a few, where building the set
// (a map, and a hash per element) costs more than the question. foldLiterals builds
// each such literal once, at load, and puts a literal statement in its place that
// gives the local the finished value.
//
// A value built at load is shared by every evaluation, concurrently, so nothing may
// change it. A collection is folded only when every insertion into its local in the
// function is one of the constant insertions right after its Make statement (and so
// was folded with it). That is not enough on its own: the planner reuses a function's
// locals, and a value can reach another local by assignment. So the values built at
// load are marked (literalMark), and an insertion into a marked value copies it first
// (frame.own): copy on write, which the planner, inserting only into collections it
// has just made, never needs. Reading OPA's collections is safe for concurrent use: the
// one lazy state they keep, their sorted keys, is guarded by a sync.Once.

// literalMark marks the terms of values built at load, as their location: no other
// term of an evaluation has this one.
var literalMark = &ast.Location{File: "(built at load)"}

// literal gives a local a value built at load.
type literal struct {
	target ir.Local
	term   *ast.Term
	ir.Location
}

// foldLiterals replaces the constant collection literals of every function and plan
// and says how many it folded.
func (p *Program) foldLiterals() int {
	n := 0
	fold := func(blocks []*ir.Block) {
		f := folder{prog: p, body: blocks}
		f.blocks(blocks)
		n += f.folded
	}
	for _, fn := range p.funcs {
		fold(fn.blocks)
	}
	for _, pl := range p.plans {
		fold(pl.blocks)
	}
	return n
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
	}
	return 0, false
}

// folder folds the literals of one function.
type folder struct {
	prog    *Program
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
			return f.prog.strings[v], true
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
			consts[s.Target] = f.prog.numbers[s.Index]
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
