package planeval

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
)

// The IR's JSON form takes about 190 ms to decode for the Dockerfile policies, more
// than compiling them; this compact form decodes in a few milliseconds. It keeps what
// evaluation needs: strings, built-in names, functions and plans, without source
// locations or type declarations. It also keeps the collection literals FoldLiterals
// found, as values (a literal statement), so that loading builds them without looking
// for them. A plan without any is read as well: it is what OPA planned, unfolded.

var magic = []byte("infralint-ir/1\n")

// statement tags of the binary form; never renumber one.
const (
	tagReturnLocal byte = iota + 1
	tagCall
	tagBlock
	tagBreak
	tagDot
	tagLen
	tagScan
	tagNot
	tagAssignInt
	tagAssignVar
	tagAssignVarOnce
	tagResetLocal
	tagMakeNull
	tagMakeNumberInt
	tagMakeNumberRef
	tagMakeArray
	tagMakeObject
	tagMakeSet
	tagEqual
	tagNotEqual
	tagIsArray
	tagIsObject
	tagIsSet
	tagIsDefined
	tagIsUndefined
	tagArrayAppend
	tagObjectInsert
	tagObjectInsertOnce
	tagSetAdd
	tagNop
	tagResultSetAdd
	tagLiteral // this package's literal statement (literal.go)
)

// kinds of the values a literal statement holds; never renumber one.
const (
	valNull byte = iota + 1
	valFalse
	valTrue
	valInt    // a number that is an int64, written as one
	valNumber // any other number, as its text
	valString // a string constant, by its index in the policy's strings
	valArray
	valSet
	valObject
)

// maxLiteralDepth bounds how deep the collections of a literal nest, so that a corrupt
// plan cannot make reading it recurse without end. The policies' literals nest a few
// levels.
const maxLiteralDepth = 64

// Encode writes a policy in the binary form Unmarshal reads. It fails on statements
// the evaluator does not run.
func Encode(p *ir.Policy) ([]byte, error) {
	if p.Static == nil || p.Plans == nil {
		return nil, errors.New("IR plan has no static section or no plans")
	}
	e := &encoder{buf: append([]byte{}, magic...), stringIndex: map[string]int{}}
	e.uint(len(p.Static.Strings))
	for i, s := range p.Static.Strings {
		e.str(s.Value)
		if _, ok := e.stringIndex[s.Value]; !ok {
			e.stringIndex[s.Value] = i
		}
	}
	e.uint(len(p.Static.BuiltinFuncs))
	for _, b := range p.Static.BuiltinFuncs {
		e.str(b.Name)
	}
	var funcs []*ir.Func
	if p.Funcs != nil {
		funcs = p.Funcs.Funcs
	}
	e.uint(len(funcs))
	for _, f := range funcs {
		e.str(f.Name)
		e.uint(len(f.Params))
		for _, l := range f.Params {
			e.local(l)
		}
		e.local(f.Return)
		e.blocks(f.Blocks)
	}
	e.uint(len(p.Plans.Plans))
	for _, pl := range p.Plans.Plans {
		e.str(pl.Name)
		e.blocks(pl.Blocks)
	}
	return e.buf, e.err
}

type encoder struct {
	buf         []byte
	err         error
	stringIndex map[string]int // the index of each string constant, for literals
}

func (e *encoder) uint(n int)        { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }
func (e *encoder) int(n int64)       { e.buf = binary.AppendVarint(e.buf, n) }
func (e *encoder) local(l ir.Local)  { e.uint(int(l)) }
func (e *encoder) str(s string)      { e.uint(len(s)); e.buf = append(e.buf, s...) }
func (e *encoder) tag(t byte)        { e.buf = append(e.buf, t) }
func (e *encoder) block(b *ir.Block) { e.blocks([]*ir.Block{b}) }

func (e *encoder) blocks(bs []*ir.Block) {
	e.uint(len(bs))
	for _, b := range bs {
		e.uint(len(b.Stmts))
		for _, s := range b.Stmts {
			e.stmt(s)
		}
	}
}

func (e *encoder) operand(o ir.Operand) {
	v := o.Value
	// OPA's JSON decoder gives pointers; its planner values.
	switch p := v.(type) {
	case *ir.Local:
		v = *p
	case *ir.StringIndex:
		v = *p
	case *ir.Bool:
		v = *p
	}
	switch v := v.(type) {
	case ir.Local:
		e.tag(0)
		e.local(v)
	case ir.StringIndex:
		e.tag(1)
		e.uint(int(v))
	case ir.Bool:
		e.tag(2)
		if v {
			e.uint(1)
		} else {
			e.uint(0)
		}
	default:
		e.err = errors.Join(e.err, fmt.Errorf("operand of type %T", v))
	}
}

func (e *encoder) stmt(s ir.Stmt) {
	switch s := s.(type) {
	case *ir.ReturnLocalStmt:
		e.tag(tagReturnLocal)
		e.local(s.Source)
	case *ir.CallStmt:
		e.tag(tagCall)
		e.str(s.Func)
		e.uint(len(s.Args))
		for _, a := range s.Args {
			e.operand(a)
		}
		e.local(s.Result)
	case *ir.BlockStmt:
		e.tag(tagBlock)
		e.blocks(s.Blocks)
	case *ir.BreakStmt:
		e.tag(tagBreak)
		e.uint(int(s.Index))
	case *ir.DotStmt:
		e.tag(tagDot)
		e.operand(s.Source)
		e.operand(s.Key)
		e.local(s.Target)
	case *ir.LenStmt:
		e.tag(tagLen)
		e.operand(s.Source)
		e.local(s.Target)
	case *ir.ScanStmt:
		e.tag(tagScan)
		e.local(s.Source)
		e.local(s.Key)
		e.local(s.Value)
		e.block(s.Block)
	case *ir.NotStmt:
		e.tag(tagNot)
		e.block(s.Block)
	case *ir.AssignIntStmt:
		e.tag(tagAssignInt)
		e.int(s.Value)
		e.local(s.Target)
	case *ir.AssignVarStmt:
		e.tag(tagAssignVar)
		e.operand(s.Source)
		e.local(s.Target)
	case *ir.AssignVarOnceStmt:
		e.tag(tagAssignVarOnce)
		e.operand(s.Source)
		e.local(s.Target)
	case *ir.ResetLocalStmt:
		e.tag(tagResetLocal)
		e.local(s.Target)
	case *ir.MakeNullStmt:
		e.tag(tagMakeNull)
		e.local(s.Target)
	case *ir.MakeNumberIntStmt:
		e.tag(tagMakeNumberInt)
		e.int(s.Value)
		e.local(s.Target)
	case *ir.MakeNumberRefStmt:
		e.tag(tagMakeNumberRef)
		e.uint(s.Index)
		e.local(s.Target)
	case *ir.MakeArrayStmt:
		e.tag(tagMakeArray)
		e.uint(int(s.Capacity))
		e.local(s.Target)
	case *ir.MakeObjectStmt:
		e.tag(tagMakeObject)
		e.local(s.Target)
	case *ir.MakeSetStmt:
		e.tag(tagMakeSet)
		e.local(s.Target)
	case *ir.EqualStmt:
		e.tag(tagEqual)
		e.operand(s.A)
		e.operand(s.B)
	case *ir.NotEqualStmt:
		e.tag(tagNotEqual)
		e.operand(s.A)
		e.operand(s.B)
	case *ir.IsArrayStmt:
		e.tag(tagIsArray)
		e.operand(s.Source)
	case *ir.IsObjectStmt:
		e.tag(tagIsObject)
		e.operand(s.Source)
	case *ir.IsSetStmt:
		e.tag(tagIsSet)
		e.operand(s.Source)
	case *ir.IsDefinedStmt:
		e.tag(tagIsDefined)
		e.local(s.Source)
	case *ir.IsUndefinedStmt:
		e.tag(tagIsUndefined)
		e.local(s.Source)
	case *ir.ArrayAppendStmt:
		e.tag(tagArrayAppend)
		e.operand(s.Value)
		e.local(s.Array)
	case *ir.ObjectInsertStmt:
		e.tag(tagObjectInsert)
		e.operand(s.Key)
		e.operand(s.Value)
		e.local(s.Object)
	case *ir.ObjectInsertOnceStmt:
		e.tag(tagObjectInsertOnce)
		e.operand(s.Key)
		e.operand(s.Value)
		e.local(s.Object)
	case *ir.SetAddStmt:
		e.tag(tagSetAdd)
		e.operand(s.Value)
		e.local(s.Set)
	case *ir.NopStmt:
		e.tag(tagNop)
	case *ir.ResultSetAddStmt:
		e.tag(tagResultSetAdd)
		e.local(s.Value)
	case *literal:
		e.tag(tagLiteral)
		e.local(s.target)
		e.value(s.term.Value, 0)
	default:
		e.err = errors.Join(e.err, fmt.Errorf("unsupported statement %T", s))
	}
}

// value writes the value of a literal: the constants FoldLiterals puts in one.
func (e *encoder) value(v ast.Value, depth int) {
	if depth > maxLiteralDepth {
		e.err = errors.Join(e.err, fmt.Errorf("literal nested deeper than %d", maxLiteralDepth))
		return
	}
	switch v := v.(type) {
	case ast.Null:
		e.tag(valNull)
	case ast.Boolean:
		if v {
			e.tag(valTrue)
		} else {
			e.tag(valFalse)
		}
	case ast.Number:
		e.number(v)
	case ast.String:
		i, ok := e.stringIndex[string(v)]
		if !ok {
			e.err = errors.Join(e.err, fmt.Errorf("literal string %q is not a constant of the policy", string(v)))
			return
		}
		e.tag(valString)
		e.uint(i)
	case *ast.Array:
		e.tag(valArray)
		e.uint(v.Len())
		for i := range v.Len() {
			e.value(v.Elem(i).Value, depth+1)
		}
	case ast.Set:
		e.tag(valSet)
		e.uint(v.Len())
		v.Foreach(func(t *ast.Term) { e.value(t.Value, depth+1) })
	case ast.Object:
		e.tag(valObject)
		e.uint(v.Len())
		v.Foreach(func(k, val *ast.Term) {
			e.value(k.Value, depth+1)
			e.value(val.Value, depth+1)
		})
	default:
		e.err = errors.Join(e.err, fmt.Errorf("literal value of type %T", v))
	}
}

// number writes a number as an int64 when it is one written plainly (what a
// MakeNumberIntStmt makes), and as its text otherwise, so that it reads back the same.
func (e *encoder) number(n ast.Number) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil && strconv.FormatInt(i, 10) == string(n) {
		e.tag(valInt)
		e.int(i)
		return
	}
	e.tag(valNumber)
	e.str(string(n))
}

// Unmarshal reads the binary form Encode writes and loads it.
func Unmarshal(data []byte) (*Program, error) {
	d, err := decodePolicy(data)
	if err != nil {
		return nil, fmt.Errorf("reading IR plan: %w", err)
	}
	return load(d)
}

// decoded is a policy as read, with what load reuses of the reading.
type decoded struct {
	policy  *ir.Policy
	calls   int         // how many call statements it has, to size the table that resolves them
	strings []*ast.Term // its string constants, which the literals hold
}

// decodePolicy reads a policy.
func decodePolicy(data []byte) (*decoded, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != string(magic) {
		return nil, errors.New("not an infralint IR plan")
	}
	d := &decoder{buf: data[len(magic):]}
	p := &ir.Policy{Static: &ir.Static{}, Plans: &ir.Plans{}, Funcs: &ir.Funcs{}}
	for range d.count() {
		s := d.str()
		p.Static.Strings = append(p.Static.Strings, &ir.StringConst{Value: s})
		d.strings = append(d.strings, ast.StringTerm(s))
	}
	for range d.count() {
		p.Static.BuiltinFuncs = append(p.Static.BuiltinFuncs, &ir.BuiltinFunc{Name: d.str()})
	}
	for range d.count() {
		f := &ir.Func{Name: d.str()}
		for range d.count() {
			f.Params = append(f.Params, d.local())
		}
		f.Return = d.local()
		f.Blocks = d.blocks()
		p.Funcs.Funcs = append(p.Funcs.Funcs, f)
	}
	for range d.count() {
		pl := &ir.Plan{Name: d.str()}
		pl.Blocks = d.blocks()
		p.Plans.Plans = append(p.Plans.Plans, pl)
	}
	if d.err == nil && len(d.buf) != 0 {
		d.err = fmt.Errorf("%d bytes after the plan", len(d.buf))
	}
	if d.err != nil {
		return nil, d.err
	}
	return &decoded{policy: p, calls: d.calls, strings: d.strings}, nil
}

type decoder struct {
	buf []byte
	err error
	// Operands are boxed once per local or string index, not once per use: a plan has
	// ten thousand operands over a few hundred distinct values, and this runs at start-up.
	locals, stringIndexes map[int]ir.Val
	strs                  map[string]string
	strings               []*ast.Term // the string constants, as terms
	calls                 int
	// Statements and blocks are allocated in slabs of their type: one allocation per 256
	// rather than per statement (a Dockerfile plan has about 14,000).
	blockSlab       slab[ir.Block]
	assignVarSlab   slab[ir.AssignVarStmt]
	callSlab        slab[ir.CallStmt]
	dotSlab         slab[ir.DotStmt]
	setAddSlab      slab[ir.SetAddStmt]
	assignOnceSlab  slab[ir.AssignVarOnceStmt]
	notEqualSlab    slab[ir.NotEqualStmt]
	resetSlab       slab[ir.ResetLocalStmt]
	isDefinedSlab   slab[ir.IsDefinedStmt]
	returnSlab      slab[ir.ReturnLocalStmt]
	scanSlab        slab[ir.ScanStmt]
	numberRefSlab   slab[ir.MakeNumberRefStmt]
	arrayAppendSlab slab[ir.ArrayAppendStmt]
	makeSetSlab     slab[ir.MakeSetStmt]
	equalSlab       slab[ir.EqualStmt]
	notSlab         slab[ir.NotStmt]
}

// slab hands out pointers into chunks of values of one type.
type slab[T any] []T

func (s *slab[T]) next() *T {
	if len(*s) == cap(*s) {
		*s = make([]T, 0, 256)
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}

func (d *decoder) boxed(table *map[int]ir.Val, n int, box func(int) ir.Val) ir.Val {
	if *table == nil {
		*table = map[int]ir.Val{}
	}
	v, ok := (*table)[n]
	if !ok {
		v = box(n)
		(*table)[n] = v
	}
	return v
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("truncated or corrupt at %s", what)
	}
	d.buf = nil
}

func (d *decoder) uint() int {
	n, k := binary.Uvarint(d.buf)
	if k <= 0 || n > 1<<31 {
		d.fail("a number")
		return 0
	}
	d.buf = d.buf[k:]
	return int(n)
}

// count reads a length; a length beyond what is left is corruption, not a huge loop.
func (d *decoder) count() int {
	n := d.uint()
	if n > len(d.buf) {
		d.fail("a length")
		return 0
	}
	return n
}

func (d *decoder) int() int64 {
	n, k := binary.Varint(d.buf)
	if k <= 0 {
		d.fail("a number")
		return 0
	}
	d.buf = d.buf[k:]
	return n
}

// maxLocals bounds a frame's size, so a corrupt plan cannot ask for a huge one.
const maxLocals = 1 << 20

func (d *decoder) local() ir.Local {
	n := d.uint()
	if n >= maxLocals {
		d.fail("a local")
		return 0
	}
	return ir.Local(n)
}

// str reads a string, interned: function names repeat at every call.
func (d *decoder) str() string {
	n := d.count()
	b := d.buf[:n]
	d.buf = d.buf[n:]
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	if d.strs == nil {
		d.strs = map[string]string{}
	}
	s := string(b)
	d.strs[s] = s
	return s
}

func (d *decoder) byte() byte {
	if len(d.buf) == 0 {
		d.fail("a tag")
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) blocks() []*ir.Block {
	n := d.count()
	out := make([]*ir.Block, 0, n)
	for range n {
		b := d.blockSlab.next()
		m := d.count()
		b.Stmts = make([]ir.Stmt, 0, m)
		for range m {
			if s := d.stmt(); s != nil {
				b.Stmts = append(b.Stmts, s)
			}
		}
		out = append(out, b)
	}
	return out
}

func (d *decoder) block() *ir.Block {
	bs := d.blocks()
	if len(bs) != 1 {
		d.fail("a nested block")
		return &ir.Block{}
	}
	return bs[0]
}

func (d *decoder) operand() ir.Operand {
	switch d.byte() {
	case 0:
		l := d.local()
		return ir.Operand{Value: d.boxed(&d.locals, int(l), func(n int) ir.Val { return ir.Local(n) })}
	case 1:
		return ir.Operand{Value: d.boxed(&d.stringIndexes, d.uint(), func(n int) ir.Val { return ir.StringIndex(n) })}
	case 2:
		return ir.Operand{Value: ir.Bool(d.uint() != 0)}
	}
	d.fail("an operand")
	return ir.Operand{Value: ir.Local(0)}
}

func (d *decoder) stmt() ir.Stmt {
	if d.err != nil {
		return nil
	}
	switch t := d.byte(); t {
	case tagReturnLocal:
		p := d.returnSlab.next()
		*p = ir.ReturnLocalStmt{Source: d.local()}
		return p
	case tagCall:
		d.calls++
		s := d.callSlab.next()
		s.Func = d.str()
		n := d.count()
		s.Args = make([]ir.Operand, 0, n)
		for range n {
			s.Args = append(s.Args, d.operand())
		}
		s.Result = d.local()
		return s
	case tagBlock:
		return &ir.BlockStmt{Blocks: d.blocks()}
	case tagBreak:
		return &ir.BreakStmt{Index: uint32(d.uint())}
	case tagDot:
		p := d.dotSlab.next()
		*p = ir.DotStmt{Source: d.operand(), Key: d.operand(), Target: d.local()}
		return p
	case tagLen:
		return &ir.LenStmt{Source: d.operand(), Target: d.local()}
	case tagScan:
		p := d.scanSlab.next()
		*p = ir.ScanStmt{Source: d.local(), Key: d.local(), Value: d.local(), Block: d.block()}
		return p
	case tagNot:
		p := d.notSlab.next()
		*p = ir.NotStmt{Block: d.block()}
		return p
	case tagAssignInt:
		return &ir.AssignIntStmt{Value: d.int(), Target: d.local()}
	case tagAssignVar:
		p := d.assignVarSlab.next()
		*p = ir.AssignVarStmt{Source: d.operand(), Target: d.local()}
		return p
	case tagAssignVarOnce:
		p := d.assignOnceSlab.next()
		*p = ir.AssignVarOnceStmt{Source: d.operand(), Target: d.local()}
		return p
	case tagResetLocal:
		p := d.resetSlab.next()
		*p = ir.ResetLocalStmt{Target: d.local()}
		return p
	case tagMakeNull:
		return &ir.MakeNullStmt{Target: d.local()}
	case tagMakeNumberInt:
		return &ir.MakeNumberIntStmt{Value: d.int(), Target: d.local()}
	case tagMakeNumberRef:
		p := d.numberRefSlab.next()
		*p = ir.MakeNumberRefStmt{Index: d.uint(), Target: d.local()}
		return p
	case tagMakeArray:
		return &ir.MakeArrayStmt{Capacity: int32(d.uint()), Target: d.local()}
	case tagMakeObject:
		return &ir.MakeObjectStmt{Target: d.local()}
	case tagMakeSet:
		p := d.makeSetSlab.next()
		*p = ir.MakeSetStmt{Target: d.local()}
		return p
	case tagEqual:
		p := d.equalSlab.next()
		*p = ir.EqualStmt{A: d.operand(), B: d.operand()}
		return p
	case tagNotEqual:
		p := d.notEqualSlab.next()
		*p = ir.NotEqualStmt{A: d.operand(), B: d.operand()}
		return p
	case tagIsArray:
		return &ir.IsArrayStmt{Source: d.operand()}
	case tagIsObject:
		return &ir.IsObjectStmt{Source: d.operand()}
	case tagIsSet:
		return &ir.IsSetStmt{Source: d.operand()}
	case tagIsDefined:
		p := d.isDefinedSlab.next()
		*p = ir.IsDefinedStmt{Source: d.local()}
		return p
	case tagIsUndefined:
		return &ir.IsUndefinedStmt{Source: d.local()}
	case tagArrayAppend:
		p := d.arrayAppendSlab.next()
		*p = ir.ArrayAppendStmt{Value: d.operand(), Array: d.local()}
		return p
	case tagObjectInsert:
		return &ir.ObjectInsertStmt{Key: d.operand(), Value: d.operand(), Object: d.local()}
	case tagObjectInsertOnce:
		return &ir.ObjectInsertOnceStmt{Key: d.operand(), Value: d.operand(), Object: d.local()}
	case tagSetAdd:
		p := d.setAddSlab.next()
		*p = ir.SetAddStmt{Value: d.operand(), Set: d.local()}
		return p
	case tagNop:
		return &ir.NopStmt{}
	case tagResultSetAdd:
		return &ir.ResultSetAddStmt{Value: d.local()}
	case tagLiteral:
		return &literal{target: d.local(), term: d.value(0)}
	default:
		d.fail(fmt.Sprintf("statement tag %d", t))
		return nil
	}
}

// value reads the value of a literal. Its collections are marked as built at load
// (literalMark), nested ones too: an evaluation can reach one through a DotStmt, and
// must copy it before inserting into it.
func (d *decoder) value(depth int) *ast.Term {
	if depth > maxLiteralDepth {
		d.fail("a literal nested too deep")
		return ast.InternedNullTerm
	}
	switch kind := d.byte(); kind {
	case valNull:
		return ast.InternedNullTerm
	case valFalse, valTrue:
		return ast.InternedTerm(kind == valTrue)
	case valInt:
		return intTerm(d.int())
	case valNumber:
		n, err := numberConstant(d.str())
		if err != nil {
			d.fail("a number")
			return ast.InternedNullTerm
		}
		return n
	case valString:
		i := d.uint()
		if i >= len(d.strings) {
			d.fail("a string index")
			return ast.InternedNullTerm
		}
		return d.strings[i]
	case valArray:
		elems := make([]*ast.Term, d.count())
		for i := range elems {
			elems[i] = d.value(depth + 1)
		}
		return builtAtLoad(ast.NewArray(elems...))
	case valSet:
		n := d.count()
		set := ast.NewSetWithCapacity(n)
		for range n {
			set.Add(d.value(depth + 1))
		}
		return builtAtLoad(set)
	case valObject:
		n := d.count()
		obj := ast.NewObjectWithCapacity(n)
		for range n {
			k := d.value(depth + 1)
			obj.Insert(k, d.value(depth+1))
		}
		return builtAtLoad(obj)
	}
	d.fail("a literal value")
	return ast.InternedNullTerm
}

// builtAtLoad is a term of a collection built at load, marked so that no evaluation
// inserts into it (frame.own).
func builtAtLoad(v ast.Value) *ast.Term {
	t := ast.NewTerm(v)
	t.Location = literalMark
	return t
}
