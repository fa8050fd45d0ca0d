package planeval

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// A statement's outcome: proceed to the next statement, leave the current block and
// that many more (0: the current block only), or return from the function.
const (
	proceed  = -1
	returned = -2
)

// maxCallDepth bounds planned-function nesting and maxSteps the statements of one
// evaluation. Load refuses recursive plans, and the built-in policies run tens of
// thousands of statements per document, so neither bound is near; they turn a corrupt
// plan into an error rather than a stack overflow or a run that never ends.
const (
	maxCallDepth = 1000
	maxSteps     = 1 << 27
)

var errTooManySteps = fmt.Errorf("evaluation took more than %d steps", maxSteps)

// checkEvery is how many statements run between two checks of the context (a
// cancelled editor request, a fuzzer's deadline): a few hundred microseconds.
const checkEvery = 1 << 14

type evaluation struct {
	prog    *Program
	ctx     context.Context
	bctx    topdown.BuiltinContext
	memo    []*ast.Term
	memoSet []bool
	depth   int
	steps   int
	// nextCheck is the step count at which block next checks the bound and the context.
	nextCheck int
	// frames are the calls in progress and scanners the scans, reused by depth: each is
	// dead once its call or scan ends, since only terms outlive it. Reusing them, and
	// the callbacks bound to them, keeps evaluation from allocating per call and scan.
	frames    []*frame
	top       frame // the plan's own
	scanners  []*scanner
	scanDepth int
	// operands is scratch space for a built-in's arguments, which built-ins do not
	// keep; a built-in's output goes to out, through sink.
	operands []*ast.Term
	out      *ast.Term
	sink     func(*ast.Term) error
}

func (ev *evaluation) output(t *ast.Term) error {
	if ev.out == nil {
		ev.out = t
	}
	return nil
}

type frame struct {
	locals []*ast.Term
	ret    *ast.Term
	result *ast.Term // a plan's "result" value, when it adds one
}

// own returns the term of local l, to insert into: a value built at load is shared by
// every evaluation, so the local is given a copy of it first (literal.go).
func (fr *frame) own(l ir.Local) *ast.Term {
	t := fr.locals[l]
	if t != nil && t.Location == literalMark {
		t = t.Copy()
		t.Location = nil
		fr.locals[l] = t
	}
	return t
}

// errUndefinedElement: OPA's planner inserts only defined values into collections; a
// plan that inserts an undefined one is corrupt, and an error rather than a crash.
var errUndefinedElement = errors.New("insertion of an undefined value into a collection")

var errConflict = errors.New("complete rule or function produced conflicting values")

func (ev *evaluation) runPlan(p *plan, input, data *ast.Term) (*ast.Term, error) {
	fr := &ev.top
	if cap(fr.locals) < p.nlocals {
		fr.locals = make([]*ast.Term, p.nlocals)
	} else {
		fr.locals = fr.locals[:p.nlocals]
		clear(fr.locals)
	}
	fr.ret, fr.result = nil, nil
	fr.locals[ir.Input], fr.locals[ir.Data] = input, data
	for _, b := range p.blocks {
		k, err := ev.block(fr, b)
		if err != nil {
			return nil, err
		}
		if k == returned {
			return nil, errors.New("return statement in a plan")
		}
		if k >= 1 {
			break // leaves the entrypoint: the plan is done
		}
	}
	return fr.result, nil
}

// call runs a planned function with the arguments of a call statement read in the
// caller's frame.
func (ev *evaluation) call(fn *function, caller *frame, args []ir.Operand) (*ast.Term, error) {
	if fn.memo && ev.memoSet[fn.index] {
		return ev.memo[fn.index], nil
	}
	if ev.depth >= maxCallDepth {
		return nil, fmt.Errorf("%s: calls nested deeper than %d", fn.name, maxCallDepth)
	}
	if ev.depth == len(ev.frames) {
		ev.frames = append(ev.frames, &frame{})
	}
	fr := ev.frames[ev.depth]
	if cap(fr.locals) < fn.nlocals {
		fr.locals = make([]*ast.Term, fn.nlocals)
	} else {
		fr.locals = fr.locals[:fn.nlocals]
		clear(fr.locals)
	}
	fr.ret = nil
	ev.depth++
	defer func() { ev.depth-- }()
	for i, p := range fn.params {
		fr.locals[p] = ev.operand(caller, args[i])
	}
	for _, b := range fn.blocks {
		k, err := ev.block(fr, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn.name, err)
		}
		if k == returned || k >= 1 {
			break
		}
	}
	if fn.memo {
		ev.memo[fn.index], ev.memoSet[fn.index] = fr.ret, true
	}
	return fr.ret, nil
}

// block runs a block's statements and says how it ended: proceed when every statement
// was defined, else what the leaving statement said.
func (ev *evaluation) block(fr *frame, b *ir.Block) (int, error) {
	ev.steps += len(b.Stmts)
	if ev.steps >= ev.nextCheck {
		if ev.steps > maxSteps {
			return 0, errTooManySteps
		}
		// Built-in calls check the context too, but a loop need not call any.
		if err := ev.ctx.Err(); err != nil {
			return 0, err
		}
		ev.nextCheck = ev.steps + checkEvery
	}
	for _, s := range b.Stmts {
		k, err := ev.stmt(fr, s)
		if err != nil {
			return 0, err
		}
		if k != proceed {
			return k, nil
		}
	}
	return proceed, nil
}

func (ev *evaluation) operand(fr *frame, o ir.Operand) *ast.Term {
	switch v := o.Value.(type) {
	case ir.Local:
		return fr.locals[v]
	case ir.StringIndex:
		return ev.prog.strings[v]
	case ir.Bool:
		return ast.InternedTerm(bool(v))
	}
	return nil
}

// value is the value of a term, nil when undefined.
func value(t *ast.Term) ast.Value {
	if t == nil {
		return nil
	}
	return t.Value
}

// equal compares two defined terms as Rego's == does.
func equal(a, b *ast.Term) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	return ast.Compare(a.Value, b.Value) == 0
}

func intTerm(n int64) *ast.Term {
	return ast.InternedTerm(int(n))
}

func (ev *evaluation) stmt(fr *frame, s ir.Stmt) (int, error) {
	switch s := s.(type) {
	case *call:
		return ev.callStmt(fr, s)
	case *literal:
		fr.locals[s.target] = s.term
	case *ir.AssignVarStmt:
		fr.locals[s.Target] = ev.operand(fr, s.Source)
	case *ir.AssignVarOnceStmt:
		v := ev.operand(fr, s.Source)
		if old := fr.locals[s.Target]; old != nil {
			if !equal(old, v) {
				return 0, errConflict
			}
			return proceed, nil
		}
		fr.locals[s.Target] = v
	case *ir.DotStmt:
		src, ok := s.Source.Value.(ir.Local)
		if !ok {
			return 0, nil
		}
		v := dot(fr.locals[src], ev.operand(fr, s.Key))
		fr.locals[s.Target] = v
		if v == nil {
			return 0, nil
		}
	case *ir.NotEqualStmt:
		if equal(ev.operand(fr, s.A), ev.operand(fr, s.B)) {
			return 0, nil
		}
	case *ir.EqualStmt:
		if !equal(ev.operand(fr, s.A), ev.operand(fr, s.B)) {
			return 0, nil
		}
	case *ir.ResetLocalStmt:
		fr.locals[s.Target] = nil
	case *ir.IsDefinedStmt:
		if fr.locals[s.Source] == nil {
			return 0, nil
		}
	case *ir.IsUndefinedStmt:
		if fr.locals[s.Source] != nil {
			return 0, nil
		}
	case *ir.ReturnLocalStmt:
		fr.ret = fr.locals[s.Source]
		return returned, nil
	case *ir.ScanStmt:
		return ev.scan(fr, s)
	case *ir.NotStmt:
		k, err := ev.block(fr, s.Block)
		if err != nil {
			return 0, err
		}
		switch {
		case k == proceed: // the negated body held
			return 0, nil
		case k == returned:
			return returned, nil
		case k == 0:
			return proceed, nil
		default:
			return k - 1, nil
		}
	case *ir.BlockStmt:
		for _, b := range s.Blocks {
			k, err := ev.block(fr, b)
			if err != nil {
				return 0, err
			}
			switch {
			case k == returned:
				return returned, nil
			case k >= 1:
				return k - 1, nil
			}
		}
	case *ir.BreakStmt:
		return int(s.Index), nil
	case *ir.SetAddStmt:
		v := ev.operand(fr, s.Value)
		if v == nil {
			return 0, errUndefinedElement
		}
		set, ok := value(fr.own(s.Set)).(ast.Set)
		if !ok {
			return 0, fmt.Errorf("SetAddStmt on %T", value(fr.locals[s.Set]))
		}
		set.Add(v)
	case *ir.MakeSetStmt:
		fr.locals[s.Target] = ast.NewTerm(ast.NewSet())
	case *ir.MakeArrayStmt:
		fr.locals[s.Target] = ast.NewTerm(ast.NewArrayWithCapacity(int(s.Capacity)))
	case *ir.MakeObjectStmt:
		fr.locals[s.Target] = ast.NewTerm(ast.NewObject())
	case *ir.MakeNullStmt:
		fr.locals[s.Target] = ast.InternedNullTerm
	case *ir.MakeNumberIntStmt:
		fr.locals[s.Target] = intTerm(s.Value)
	case *ir.MakeNumberRefStmt:
		fr.locals[s.Target] = ev.prog.numbers[s.Index]
	case *ir.AssignIntStmt:
		fr.locals[s.Target] = intTerm(s.Value)
	case *ir.ArrayAppendStmt:
		v := ev.operand(fr, s.Value)
		if v == nil {
			return 0, errUndefinedElement
		}
		t := fr.own(s.Array)
		arr, ok := value(t).(*ast.Array)
		if !ok {
			return 0, fmt.Errorf("ArrayAppendStmt on %T", value(t))
		}
		// Append returns a new array header; the local's term is the array's one home.
		t.Value = arr.Append(v)
	case *ir.ObjectInsertStmt:
		k, v := ev.operand(fr, s.Key), ev.operand(fr, s.Value)
		if k == nil || v == nil {
			return 0, errUndefinedElement
		}
		obj, ok := value(fr.own(s.Object)).(ast.Object)
		if !ok {
			return 0, fmt.Errorf("ObjectInsertStmt on %T", value(fr.locals[s.Object]))
		}
		obj.Insert(k, v)
	case *ir.ObjectInsertOnceStmt:
		k, v := ev.operand(fr, s.Key), ev.operand(fr, s.Value)
		if k == nil || v == nil {
			return 0, errUndefinedElement
		}
		obj, ok := value(fr.own(s.Object)).(ast.Object)
		if !ok {
			return 0, fmt.Errorf("ObjectInsertOnceStmt on %T", value(fr.locals[s.Object]))
		}
		if old := obj.Get(k); old != nil {
			if !equal(old, v) {
				return 0, errConflict
			}
			return proceed, nil
		}
		obj.Insert(k, v)
	case *ir.LenStmt:
		n := 0
		switch v := value(ev.operand(fr, s.Source)).(type) {
		case *ast.Array:
			n = v.Len()
		case ast.Object:
			n = v.Len()
		case ast.Set:
			n = v.Len()
		case ast.String:
			n = utf8.RuneCountInString(string(v))
		}
		fr.locals[s.Target] = ast.InternedTerm(n)
	case *ir.IsArrayStmt:
		if _, ok := value(ev.localOperand(fr, s.Source)).(*ast.Array); !ok {
			return 0, nil
		}
	case *ir.IsObjectStmt:
		if _, ok := value(ev.localOperand(fr, s.Source)).(ast.Object); !ok {
			return 0, nil
		}
	case *ir.IsSetStmt:
		if _, ok := value(ev.localOperand(fr, s.Source)).(ast.Set); !ok {
			return 0, nil
		}
	case *ir.ResultSetAddStmt:
		obj, ok := value(fr.locals[s.Value]).(ast.Object)
		if !ok {
			return 0, fmt.Errorf("result of type %T", value(fr.locals[s.Value]))
		}
		r := obj.Get(ast.InternedTerm("result"))
		if r == nil {
			return 0, errors.New("result without a \"result\" key")
		}
		if fr.result != nil && !equal(fr.result, r) {
			return 0, errConflict
		}
		fr.result = r
	case *ir.NopStmt:
	default:
		return 0, fmt.Errorf("unsupported statement %T", s)
	}
	return proceed, nil
}

// localOperand reads an operand the way the type tests do: only a local can be a
// collection.
func (ev *evaluation) localOperand(fr *frame, o ir.Operand) *ast.Term {
	if l, ok := o.Value.(ir.Local); ok {
		return fr.locals[l]
	}
	return nil
}

// scanner runs the elements of one ScanStmt.
type scanner struct {
	ev     *evaluation
	fr     *frame
	s      *ir.ScanStmt
	out    int
	err    error
	kv     func(k, v *ast.Term) bool // sc.elem, bound once
	member func(t *ast.Term) bool
}

// elem runs the body for one element and says whether the scan stops.
func (sc *scanner) elem(k, v *ast.Term) bool {
	sc.fr.locals[sc.s.Key], sc.fr.locals[sc.s.Value] = k, v
	r, err := sc.ev.block(sc.fr, sc.s.Block)
	switch {
	case err != nil:
		sc.err = err
	case r == proceed || r == 0:
		return false
	case r == returned:
		sc.out = returned
	case r == 1:
		sc.out = proceed
	default:
		sc.out = r - 2
	}
	return true
}

// scan runs a ScanStmt. Its body is two levels deep: leaving one level goes on with the
// next element, leaving two ends the scan, and more leave blocks around the scan.
func (ev *evaluation) scan(fr *frame, s *ir.ScanStmt) (int, error) {
	if ev.scanDepth == len(ev.scanners) {
		sc := &scanner{ev: ev}
		sc.kv = sc.elem
		sc.member = func(t *ast.Term) bool { return sc.elem(t, t) }
		ev.scanners = append(ev.scanners, sc)
	}
	sc := ev.scanners[ev.scanDepth]
	ev.scanDepth++
	defer func() { ev.scanDepth-- }()
	sc.fr, sc.s, sc.out, sc.err = fr, s, proceed, nil
	switch coll := value(fr.locals[s.Source]).(type) {
	case *ast.Array:
		for i := range coll.Len() {
			if sc.elem(ast.InternedTerm(i), coll.Elem(i)) {
				break
			}
		}
	case ast.Object:
		coll.Until(sc.kv)
	case ast.Set:
		coll.Until(sc.member)
	}
	out, err := sc.out, sc.err
	sc.fr, sc.s, sc.err = nil, nil, nil
	if err != nil {
		return 0, err
	}
	return out, nil
}

func (ev *evaluation) callStmt(fr *frame, s *call) (int, error) {
	c := s.callee
	if c.fn != nil {
		v, err := ev.call(c.fn, fr, s.Args)
		if err != nil {
			return 0, err
		}
		fr.locals[s.Result] = v
		if v == nil {
			return 0, nil
		}
		return proceed, nil
	}
	if err := ev.ctx.Err(); err != nil {
		return 0, err
	}
	start := len(ev.operands)
	for _, a := range s.Args {
		t := ev.operand(fr, a)
		if t == nil {
			// An undefined argument makes the call undefined, as in topdown. OPA's
			// planner never passes one; a corrupt plan must not crash a built-in.
			clear(ev.operands[start:])
			ev.operands = ev.operands[:start]
			fr.locals[s.Result] = nil
			return 0, nil
		}
		ev.operands = append(ev.operands, t)
	}
	ev.out = nil
	err := c.builtin(ev.bctx, ev.operands[start:len(ev.operands):len(ev.operands)], ev.sink)
	out := ev.out
	ev.out = nil
	clear(ev.operands[start:])
	ev.operands = ev.operands[:start]
	if err != nil {
		// As topdown does by default: a built-in's error makes the call undefined,
		// unless the built-in asks to halt.
		var h topdown.Halt
		if errors.As(err, &h) {
			return 0, fmt.Errorf("%s: %w", c.name, err)
		}
		out = nil
	}
	fr.locals[s.Result] = out
	if out == nil {
		return 0, nil
	}
	return proceed, nil
}

// dot looks a key up in a collection: an object's value, an array's element, or a
// set's member itself. Anything else, and a missing key, is undefined (nil).
func dot(src, key *ast.Term) *ast.Term {
	if src == nil || key == nil {
		return nil
	}
	switch c := src.Value.(type) {
	case ast.Object:
		return c.Get(key)
	case *ast.Array:
		n, ok := key.Value.(ast.Number)
		if !ok {
			return nil
		}
		i, ok := n.Int()
		if !ok || i < 0 || i >= c.Len() {
			return nil
		}
		return c.Elem(i)
	case ast.Set:
		if c.Contains(key) {
			return key
		}
	}
	return nil
}
