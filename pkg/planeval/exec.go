package planeval

import (
	"context"
	"errors"
	"fmt"
	"strconv"
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

// maxCallDepth bounds planned-function nesting. Rego has no recursion, so a plan
// never gets near it; it turns a malformed plan into an error, not a stack overflow.
const maxCallDepth = 1000

type evaluation struct {
	prog    *Program
	ctx     context.Context
	bctx    topdown.BuiltinContext
	memo    []ast.Value
	memoSet []bool
	depth   int
}

type frame struct {
	locals []ast.Value
	ret    ast.Value
	result ast.Value // a plan's "result" value, when it adds one
}

var errConflict = errors.New("complete rule or function produced conflicting values")

func (ev *evaluation) runPlan(p *plan, input, data ast.Value) (ast.Value, error) {
	fr := &frame{locals: make([]ast.Value, p.nlocals)}
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

func (ev *evaluation) call(fn *function, args []ast.Value) (ast.Value, error) {
	if fn.memo && ev.memoSet[fn.index] {
		return ev.memo[fn.index], nil
	}
	if ev.depth >= maxCallDepth {
		return nil, fmt.Errorf("%s: calls nested deeper than %d", fn.name, maxCallDepth)
	}
	ev.depth++
	defer func() { ev.depth-- }()
	fr := &frame{locals: make([]ast.Value, fn.nlocals)}
	for i, p := range fn.params {
		fr.locals[p] = args[i]
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

// leave is the outcome of a statement whose nested block (one level) ended with k.
func leave(k int) int {
	switch {
	case k == returned:
		return returned
	case k <= 0:
		return proceed
	default:
		return k - 1
	}
}

func (ev *evaluation) operand(fr *frame, o ir.Operand) ast.Value {
	switch v := o.Value.(type) {
	case ir.Local:
		return fr.locals[v]
	case ir.StringIndex:
		return ev.prog.strings[v]
	case ir.Bool:
		return ast.Boolean(v)
	}
	return nil
}

func (ev *evaluation) stmt(fr *frame, s ir.Stmt) (int, error) {
	switch s := s.(type) {
	case *ir.CallStmt:
		return ev.callStmt(fr, s)
	case *ir.AssignVarStmt:
		fr.locals[s.Target] = ev.operand(fr, s.Source)
	case *ir.AssignVarOnceStmt:
		v := ev.operand(fr, s.Source)
		if old := fr.locals[s.Target]; old != nil {
			if ast.Compare(old, v) != 0 {
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
		if ast.Compare(ev.operand(fr, s.A), ev.operand(fr, s.B)) == 0 {
			return 0, nil
		}
	case *ir.EqualStmt:
		if ast.Compare(ev.operand(fr, s.A), ev.operand(fr, s.B)) != 0 {
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
			if k == returned || k >= 1 {
				return leave(k), nil
			}
		}
	case *ir.BreakStmt:
		return int(s.Index), nil
	case *ir.SetAddStmt:
		set, ok := fr.locals[s.Set].(ast.Set)
		if !ok {
			return 0, fmt.Errorf("SetAddStmt on %T", fr.locals[s.Set])
		}
		set.Add(ast.NewTerm(ev.operand(fr, s.Value)))
	case *ir.MakeSetStmt:
		fr.locals[s.Target] = ast.NewSet()
	case *ir.MakeArrayStmt:
		fr.locals[s.Target] = ast.NewArrayWithCapacity(int(s.Capacity))
	case *ir.MakeObjectStmt:
		fr.locals[s.Target] = ast.NewObject()
	case *ir.MakeNullStmt:
		fr.locals[s.Target] = ast.Null{}
	case *ir.MakeNumberIntStmt:
		fr.locals[s.Target] = ast.Number(strconv.FormatInt(s.Value, 10))
	case *ir.MakeNumberRefStmt:
		fr.locals[s.Target] = ast.Number(ev.prog.strings[s.Index])
	case *ir.AssignIntStmt:
		fr.locals[s.Target] = ast.Number(strconv.FormatInt(s.Value, 10))
	case *ir.ArrayAppendStmt:
		arr, ok := fr.locals[s.Array].(*ast.Array)
		if !ok {
			return 0, fmt.Errorf("ArrayAppendStmt on %T", fr.locals[s.Array])
		}
		fr.locals[s.Array] = arr.Append(ast.NewTerm(ev.operand(fr, s.Value)))
	case *ir.ObjectInsertStmt:
		obj, ok := fr.locals[s.Object].(ast.Object)
		if !ok {
			return 0, fmt.Errorf("ObjectInsertStmt on %T", fr.locals[s.Object])
		}
		obj.Insert(ast.NewTerm(ev.operand(fr, s.Key)), ast.NewTerm(ev.operand(fr, s.Value)))
	case *ir.ObjectInsertOnceStmt:
		obj, ok := fr.locals[s.Object].(ast.Object)
		if !ok {
			return 0, fmt.Errorf("ObjectInsertOnceStmt on %T", fr.locals[s.Object])
		}
		k, v := ev.operand(fr, s.Key), ev.operand(fr, s.Value)
		if old := obj.Get(ast.NewTerm(k)); old != nil {
			if ast.Compare(old.Value, v) != 0 {
				return 0, errConflict
			}
			return proceed, nil
		}
		obj.Insert(ast.NewTerm(k), ast.NewTerm(v))
	case *ir.LenStmt:
		n := 0
		switch v := ev.operand(fr, s.Source).(type) {
		case *ast.Array:
			n = v.Len()
		case ast.Object:
			n = v.Len()
		case ast.Set:
			n = v.Len()
		case ast.String:
			n = utf8.RuneCountInString(string(v))
		}
		fr.locals[s.Target] = ast.Number(strconv.Itoa(n))
	case *ir.IsArrayStmt:
		if _, ok := ev.localOperand(fr, s.Source).(*ast.Array); !ok {
			return 0, nil
		}
	case *ir.IsObjectStmt:
		if _, ok := ev.localOperand(fr, s.Source).(ast.Object); !ok {
			return 0, nil
		}
	case *ir.IsSetStmt:
		if _, ok := ev.localOperand(fr, s.Source).(ast.Set); !ok {
			return 0, nil
		}
	case *ir.ResultSetAddStmt:
		obj, ok := fr.locals[s.Value].(ast.Object)
		if !ok {
			return 0, fmt.Errorf("result of type %T", fr.locals[s.Value])
		}
		r := obj.Get(ast.InternedTerm("result"))
		if r == nil {
			return 0, errors.New("result without a \"result\" key")
		}
		if fr.result != nil && ast.Compare(fr.result, r.Value) != 0 {
			return 0, errConflict
		}
		fr.result = r.Value
	case *ir.NopStmt:
	default:
		return 0, fmt.Errorf("unsupported statement %T", s)
	}
	return proceed, nil
}

// localOperand reads an operand the way the type tests do: only a local can be a
// collection.
func (ev *evaluation) localOperand(fr *frame, o ir.Operand) ast.Value {
	if l, ok := o.Value.(ir.Local); ok {
		return fr.locals[l]
	}
	return nil
}

func (ev *evaluation) scan(fr *frame, s *ir.ScanStmt) (int, error) {
	// The body is two levels deep: leaving one level goes on with the next element,
	// leaving two ends the scan, and more leave blocks around the scan.
	var out int
	body := func(k, v ast.Value) (bool, error) {
		fr.locals[s.Key], fr.locals[s.Value] = k, v
		r, err := ev.block(fr, s.Block)
		if err != nil {
			return true, err
		}
		switch {
		case r == proceed || r == 0:
			return false, nil
		case r == returned:
			out = returned
		case r == 1:
			out = proceed
		default:
			out = r - 2
		}
		return true, nil
	}
	out = proceed
	var err error
	switch coll := fr.locals[s.Source].(type) {
	case *ast.Array:
		for i := range coll.Len() {
			var stop bool
			if stop, err = body(ast.Number(strconv.Itoa(i)), coll.Elem(i).Value); stop {
				break
			}
		}
	case ast.Object:
		coll.Until(func(k, v *ast.Term) bool {
			var stop bool
			stop, err = body(k.Value, v.Value)
			return stop
		})
	case ast.Set:
		coll.Until(func(t *ast.Term) bool {
			var stop bool
			stop, err = body(t.Value, t.Value)
			return stop
		})
	}
	if err != nil {
		return 0, err
	}
	return out, nil
}

func (ev *evaluation) callStmt(fr *frame, s *ir.CallStmt) (int, error) {
	c := ev.prog.callees[s]
	if c.fn != nil {
		args := make([]ast.Value, len(s.Args))
		for i, a := range s.Args {
			args[i] = ev.operand(fr, a)
		}
		v, err := ev.call(c.fn, args)
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
	terms := make([]*ast.Term, len(s.Args))
	for i, a := range s.Args {
		terms[i] = ast.NewTerm(ev.operand(fr, a))
	}
	var out ast.Value
	err := c.builtin(ev.bctx, terms, func(t *ast.Term) error {
		if out == nil {
			out = t.Value
		}
		return nil
	})
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
func dot(src, key ast.Value) ast.Value {
	switch c := src.(type) {
	case ast.Object:
		if v := c.Get(ast.NewTerm(key)); v != nil {
			return v.Value
		}
	case *ast.Array:
		n, ok := key.(ast.Number)
		if !ok {
			return nil
		}
		i, ok := n.Int()
		if !ok || i < 0 || i >= c.Len() {
			return nil
		}
		return c.Elem(i).Value
	case ast.Set:
		t := ast.NewTerm(key)
		if c.Contains(t) {
			return key
		}
	}
	return nil
}
