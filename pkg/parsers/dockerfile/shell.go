package dockerfile

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"

	"github.com/infralint/infralint/pkg/model"
)

// analyzeRun parses a RUN's shell into simple commands with exact ranges.
//
// BuildKit joins continuation lines, which loses columns, so the shell parser is handed
// the instruction's own source lines instead: the keyword and flags blanked out with
// spaces, and the comment lines Dockerfile syntax drops inside a continuation replaced by
// a lone backslash, which keeps the continuation going and every line where it was.
// mvdan.cc/sh understands backslash-newline itself, so its positions are file positions.
func (b *builder) analyzeRun(in *Instruction, node *parser.Node, ptr string, depth int) {
	if in.JSONForm {
		b.analyzeExecForm(in, ptr)
		return
	}
	if in.ShellKind != "posix" || b.escape != '\\' {
		return
	}
	text, ok := b.shellText(node, depth)
	if !ok || b.tooLong(in, ptr, text) {
		return
	}
	w := &shellWalker{b: b, out: &in.Commands, ptr: ptr, pos: fileMapper(node.StartLine)}
	if err := w.parse(text); err != nil {
		in.ShellError = err.Error()
	}
	in.Pipelines = w.pipelines
}

// analyzeExecForm handles RUN ["sh", "-c", "script"] and RUN ["apt-get", "install", ...].
// Exec-form strings carry no column information, so their commands take the
// instruction's range.
func (b *builder) analyzeExecForm(in *Instruction, ptr string) {
	if len(in.Args) == 0 {
		return
	}
	w := &shellWalker{b: b, out: &in.Commands, ptr: ptr, pos: fixedMapper(b.loc.ranges[ptr])}
	if script, ok := shellScriptArg(in.Args[0], in.Args[1:]); ok {
		if b.tooLong(in, ptr, script) {
			return
		}
		w.via = "sh -c"
		if err := w.parse(script); err != nil {
			in.ShellError = err.Error()
		}
		in.Pipelines = w.pipelines
		return
	}
	w.addCommand(in.Args[0], in.Args[1:], b.loc.ranges[ptr], cmdCtx{pipeline: -1})
}

// MaxScript bounds the shell text of one instruction that is parsed. The shell parser
// recurses once per level of nesting, and Go cannot recover from a stack overflow: a
// RUN of a few MiB of `$(` would crash the whole run. Real RUN bodies stay under
// 10 KiB.
const MaxScript = 64 << 10

// tooLong reports a shell text over MaxScript as an error at the instruction, whose
// commands are then not analysed (the rest of the file is).
func (b *builder) tooLong(in *Instruction, ptr, text string) bool {
	if len(text) <= MaxScript {
		return false
	}
	in.ShellError = fmt.Sprintf("the shell text is %d KiB, over the %d KiB limit: its commands are not analysed", len(text)>>10, MaxScript>>10)
	r := b.loc.ranges[ptr]
	b.errs = append(b.errs, model.FileError{File: b.path, Range: &r, Message: in.ShellError})
	return true
}

// shellText returns the instruction's source as the shell should see it.
func (b *builder) shellText(node *parser.Node, depth int) (string, bool) {
	var lines []string
	for n := node.StartLine; n <= node.EndLine; n++ {
		lines = append(lines, b.src.Line(n))
	}
	if len(lines) == 0 {
		return "", false
	}
	joined := strings.Join(lines, "\n")
	start := skipKeywordAndFlags(joined, depth)
	blanked := []byte(joined)
	for i := range start {
		if blanked[i] != '\n' {
			blanked[i] = ' '
		}
	}
	lines = strings.Split(string(blanked), "\n")
	// Inside the continuation part (before any heredoc body), Dockerfile syntax drops
	// comment and blank lines; the shell would end the command there.
	for i := 1; i < len(lines); i++ {
		prev := strings.TrimRight(lines[i-1], " \t")
		if !strings.HasSuffix(prev, `\`) {
			break
		}
		trimmed := strings.TrimSpace(lines[i])
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			lines[i] = `\`
		}
	}
	return validUTF8(strings.Join(lines, "\n")), true
}

// validUTF8 replaces each byte that is not UTF-8 with '?': the shell parser refuses
// such text, and one byte for one keeps every byte column where it was.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			b[i] = '?'
		}
		i += size
	}
	return string(b)
}

// skipKeywordAndFlags returns the offset of the first byte of the command after `depth`
// keywords (RUN, or ONBUILD RUN) and any --flags, which may be continued onto later lines.
func skipKeywordAndFlags(s string, depth int) int {
	i := 0
	skipSpace := func() {
		for i < len(s) {
			switch {
			case s[i] == ' ' || s[i] == '\t' || s[i] == '\n':
				i++
			case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\n':
				i += 2
			default:
				return
			}
		}
	}
	skipWord := func() {
		for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' {
			i++
		}
	}
	for range depth {
		skipSpace()
		skipWord()
	}
	for {
		skipSpace()
		if !strings.HasPrefix(s[i:], "--") {
			return i
		}
		skipWord()
	}
}

// posMapper turns a position of the shell parser into a file position.
type posMapper func(p syntax.Pos) (line, byteCol int, ok bool)

// fileMapper maps positions of a text whose line 1 is file line `first`.
func fileMapper(first int) posMapper {
	return func(p syntax.Pos) (int, int, bool) {
		if !p.IsValid() {
			return 0, 0, false
		}
		return first + int(p.Line()) - 1, int(p.Col()), true
	}
}

// nestedMapper maps positions of a script that was itself found at (line, col) of the
// outer text: an `sh -c '...'` body or a heredoc body.
func nestedMapper(outer posMapper, at syntax.Pos) posMapper {
	line, col, ok := outer(at)
	if !ok {
		return outer
	}
	return func(p syntax.Pos) (int, int, bool) {
		if !p.IsValid() {
			return 0, 0, false
		}
		if p.Line() == 1 {
			return line, col + int(p.Col()) - 1, true
		}
		return line + int(p.Line()) - 1, int(p.Col()), true
	}
}

// fixedMapper gives every position the same range (exec form, where there are no columns).
func fixedMapper(r model.Range) posMapper {
	return func(syntax.Pos) (int, int, bool) { return r.Start.Line, -1, true }
}

type cmdCtx struct {
	pipeline, pipePos int
	subshell, cond    bool
	via               string
	env               map[string]string // assignments before the command (X=1 cmd)
}

type shellWalker struct {
	b         *builder
	out       *[]Command // where commands are added: a RUN's, or a COPY heredoc's
	ptr       string
	pos       posMapper
	via       string
	pipelines int
	depth     int
}

// maxNesting bounds sh -c inside sh -c inside heredocs, so hostile input cannot recurse.
const maxNesting = 8

func (w *shellWalker) parse(script string) error {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(false)).
		Parse(strings.NewReader(script), "")
	if err != nil {
		return err
	}
	for _, st := range f.Stmts {
		w.stmt(st, cmdCtx{pipeline: -1, via: w.via})
	}
	return nil
}

func (w *shellWalker) stmts(list []*syntax.Stmt, ctx cmdCtx) {
	for _, st := range list {
		w.stmt(st, ctx)
	}
}

func (w *shellWalker) stmt(st *syntax.Stmt, ctx cmdCtx) {
	if st == nil {
		return
	}
	if st.Cmd != nil {
		w.command(st, ctx)
	}
	for _, r := range st.Redirs {
		w.words(ctx, r.Word)
		// A RUN that is only a here-document, or a shell reading one, runs its body.
		if r.Hdoc != nil && (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) && readsScriptFromStdin(st) {
			w.nested(r.Hdoc, ctx, "heredoc")
		}
	}
}

// readsScriptFromStdin is true for `<<EOF` alone and for `sh <<EOF`, `bash -e <<EOF`.
func readsScriptFromStdin(st *syntax.Stmt) bool {
	call, ok := st.Cmd.(*syntax.CallExpr)
	if st.Cmd == nil || (ok && len(call.Args) == 0) {
		return true
	}
	if !ok {
		return false
	}
	if !isShell(wordString(call.Args[0])) {
		return false
	}
	optionName := false
	for _, a := range call.Args[1:] {
		s := wordString(a)
		switch {
		case optionName:
			optionName = false // the name after -o, such as pipefail
		case s == "-o":
			optionName = true
		case !strings.HasPrefix(s, "-") || strings.Contains(strings.TrimLeft(s, "-"), "c"):
			return false
		}
	}
	return true
}

func (w *shellWalker) command(st *syntax.Stmt, ctx cmdCtx) {
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		for _, a := range c.Assigns {
			w.words(ctx, a.Value)
		}
		w.words(ctx, c.Args...)
		if len(c.Args) == 0 {
			return
		}
		ctx.env = nil
		for _, a := range c.Assigns {
			if a.Name != nil && !a.Append && a.Index == nil {
				if ctx.env == nil {
					ctx.env = map[string]string{}
				}
				ctx.env[a.Name.Value] = wordString(a.Value)
			}
		}
		args := make([]string, len(c.Args))
		for i, a := range c.Args {
			args[i] = wordString(a)
		}
		// The command starts at its name, after any X=1 assignments before it.
		r := w.rangeOf(c.Args[0].Pos(), c.End())
		argRanges := make([]model.Range, len(c.Args))
		for i, a := range c.Args {
			argRanges[i] = w.rangeOf(a.Pos(), a.End())
		}
		w.addCommand(args[0], args[1:], r, ctx, argRanges[1:]...)
		w.unwrap(c, args, r, ctx, argRanges)
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			id := w.pipelines
			w.pipelines++
			for i, part := range flattenPipe(c) {
				pctx := ctx
				pctx.pipeline, pctx.pipePos = id, i
				w.stmt(part, pctx)
			}
		case syntax.OrStmt:
			left := ctx
			left.cond = true
			w.stmt(c.X, left)
			w.stmt(c.Y, ctx)
		default:
			w.stmt(c.X, ctx)
			w.stmt(c.Y, ctx)
		}
	case *syntax.Subshell:
		sub := ctx
		sub.subshell = true
		w.stmts(c.Stmts, sub)
	case *syntax.Block:
		w.stmts(c.Stmts, ctx)
	case *syntax.IfClause:
		for ic := c; ic != nil; ic = ic.Else {
			cond := ctx
			cond.cond = true
			w.stmts(ic.Cond, cond)
			w.stmts(ic.Then, ctx)
		}
	case *syntax.WhileClause:
		cond := ctx
		cond.cond = true
		w.stmts(c.Cond, cond)
		w.stmts(c.Do, ctx)
	case *syntax.ForClause:
		w.stmts(c.Do, ctx)
	case *syntax.CaseClause:
		for _, item := range c.Items {
			w.stmts(item.Stmts, ctx)
		}
	case *syntax.FuncDecl:
		w.stmt(c.Body, ctx)
	case *syntax.TimeClause:
		w.stmt(c.Stmt, ctx)
	case *syntax.DeclClause:
		// export/declare/local/readonly: kept as a command so rules can see
		// `export DEBIAN_FRONTEND=noninteractive`.
		args := []string{}
		for _, a := range c.Args {
			var sb strings.Builder
			if a.Name != nil {
				sb.WriteString(a.Name.Value)
				if a.Value != nil || a.Naked {
					if !a.Naked {
						sb.WriteString("=")
					}
				}
			}
			if a.Value != nil {
				sb.WriteString(wordString(a.Value))
				w.words(ctx, a.Value)
			}
			args = append(args, sb.String())
		}
		w.addCommand(c.Variant.Value, args, w.rangeOf(c.Pos(), c.End()), ctx)
	}
}

func flattenPipe(c *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	if x, ok := c.X.Cmd.(*syntax.BinaryCmd); ok && (x.Op == syntax.Pipe || x.Op == syntax.PipeAll) && len(c.X.Redirs) == 0 {
		out = append(out, flattenPipe(x)...)
	} else {
		out = append(out, c.X)
	}
	if y, ok := c.Y.Cmd.(*syntax.BinaryCmd); ok && (y.Op == syntax.Pipe || y.Op == syntax.PipeAll) && len(c.Y.Redirs) == 0 {
		out = append(out, flattenPipe(y)...)
	} else {
		out = append(out, c.Y)
	}
	return out
}

// words walks command substitutions inside words: their commands run too.
func (w *shellWalker) words(ctx cmdCtx, words ...*syntax.Word) {
	sub := ctx
	sub.subshell = true
	sub.pipeline, sub.pipePos = -1, 0
	for _, word := range words {
		if word == nil {
			continue
		}
		syntax.Walk(word, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.CmdSubst:
				w.stmts(n.Stmts, sub)
				return false
			case *syntax.ProcSubst:
				w.stmts(n.Stmts, sub)
				return false
			}
			return true
		})
	}
}

// wrappers run the command in their arguments; the wrapped command is listed too, with
// Via set, so a rule about apt-get also sees `sudo apt-get`. The value is the flags that
// take a separate argument.
var wrappers = map[string]map[string]bool{
	"sudo":    {"-u": true, "-g": true, "-U": true, "-C": true, "-D": true, "-p": true, "-r": true, "-t": true, "-h": true},
	"env":     {"-u": true, "-C": true, "-S": true},
	"nice":    {"-n": true},
	"nohup":   {},
	"time":    {"-f": true, "-o": true},
	"exec":    {"-a": true},
	"command": {},
	"stdbuf":  {"-i": true, "-o": true, "-e": true},
	"gosu":    {},
	"su-exec": {},
	"chroot":  {},
	"timeout": {"-s": true, "-k": true},
	"xargs":   {"-a": true, "-d": true, "-E": true, "-I": true, "-L": true, "-n": true, "-P": true, "-s": true},
}

// takesPositional are wrappers whose first positional arguments precede the command:
// gosu USER cmd, chroot DIR cmd, timeout DURATION cmd.
var takesPositional = map[string]int{"gosu": 1, "su-exec": 1, "chroot": 1, "timeout": 1}

func (w *shellWalker) unwrap(c *syntax.CallExpr, args []string, r model.Range, ctx cmdCtx, argRanges []model.Range) {
	name := baseName(args[0])
	if isShell(name) {
		if script, ok := shellScriptArg(args[0], args[1:]); ok {
			// Find the script word for exact positions.
			for i := 1; i < len(c.Args); i++ {
				if wordString(c.Args[i]) == script && i > 1 {
					w.nestedWord(c.Args[i], script, r, ctx)
					return
				}
			}
		}
		return
	}
	flagsWithValue, ok := wrappers[name]
	if !ok {
		return
	}
	i := 1
	positional := takesPositional[name]
	env := map[string]string{}
	for i < len(args) {
		a := args[i]
		switch {
		case name == "command" && (a == "-v" || a == "-V"):
			return // command -v only looks the name up
		case name == "env" && strings.Contains(a, "=") && !strings.HasPrefix(a, "-"):
			k, v, _ := strings.Cut(a, "=")
			env[k] = v
			i++
		case strings.HasPrefix(a, "-") && a != "-" && positional == takesPositional[name]:
			i++
			if flagsWithValue[a] {
				i++
			}
			if a == "--" {
				goto done
			}
		case positional > 0:
			positional--
			i++
		default:
			goto done
		}
	}
done:
	if i >= len(args) {
		return
	}
	inner := ctx
	inner.via = name
	if len(env) > 0 {
		inner.env = env
	}
	w.addCommand(args[i], args[i+1:], r, inner, argRanges[i+1:]...)
	if isShell(baseName(args[i])) {
		if script, ok := shellScriptArg(args[i], args[i+1:]); ok {
			inner.via = name + " sh -c"
			w.nestedWord(nil, script, r, inner)
		}
	}
}

// nestedWord parses an `sh -c` script. A single-quoted or plain literal script has
// exact positions; anything else takes the outer command's range.
func (w *shellWalker) nestedWord(word *syntax.Word, script string, outer model.Range, ctx cmdCtx) {
	if w.depth >= maxNesting {
		return
	}
	mapper := fixedMapper(outer)
	if word != nil && len(word.Parts) == 1 {
		switch p := word.Parts[0].(type) {
		case *syntax.SglQuoted:
			if !p.Dollar {
				mapper = nestedMapper(w.pos, syntax.NewPos(p.Left.Offset()+1, p.Left.Line(), p.Left.Col()+1))
			}
		case *syntax.DblQuoted:
			if len(p.Parts) == 1 {
				if lit, ok := p.Parts[0].(*syntax.Lit); ok && !strings.Contains(lit.Value, `\`) {
					mapper = nestedMapper(w.pos, lit.ValuePos)
				}
			}
		}
	}
	sub := &shellWalker{b: w.b, out: w.out, ptr: w.ptr, pos: mapper, via: viaOr(ctx.via, "sh -c"), pipelines: w.pipelines, depth: w.depth + 1}
	_ = sub.parse(script) // a script that does not parse is just a string argument
	w.pipelines = sub.pipelines
}

// nested parses a heredoc body as a script.
func (w *shellWalker) nested(body *syntax.Word, ctx cmdCtx, via string) {
	if w.depth >= maxNesting || len(body.Parts) == 0 {
		return
	}
	var sb strings.Builder
	for _, p := range body.Parts {
		sb.WriteString(partSource(p))
	}
	sub := &shellWalker{b: w.b, out: w.out, ptr: w.ptr, pos: nestedMapper(w.pos, body.Pos()), via: viaOr(ctx.via, via), pipelines: w.pipelines, depth: w.depth + 1}
	_ = sub.parse(sb.String())
	w.pipelines = sub.pipelines
}

func viaOr(outer, inner string) string {
	if outer == "" {
		return inner
	}
	return outer + " " + inner
}

// addCommand records a simple command. argRanges, when known, are the ranges of its
// arguments: /commands/N/args/K points a finding at one package name of an install.
func (w *shellWalker) addCommand(name string, args []string, r model.Range, ctx cmdCtx, argRanges ...model.Range) {
	idx := len(*w.out)
	ptr := fmt.Sprintf("%s/commands/%d", w.ptr, idx)
	cmd := Command{
		Ptr:          ptr,
		Index:        idx,
		Name:         name,
		Program:      baseName(name),
		Args:         args,
		Pipeline:     ctx.pipeline,
		PipePosition: ctx.pipePos,
		Via:          ctx.via,
		Subshell:     ctx.subshell,
		Condition:    ctx.cond,
		Env:          ctx.env,
		Multiline:    r.End.Line > r.Start.Line,
	}
	if cmd.Args == nil {
		cmd.Args = []string{}
	}
	if cmd.Pipeline < 0 {
		cmd.PipePosition = 0
	}
	cmd.Sections = w.sections(argRanges)
	*w.out = append(*w.out, cmd)
	text := strings.Join(append([]string{name}, args...), " ")
	w.b.loc.setDerived(ptr, r, w.ptr, " | "+ctx.via+" "+text)
	w.b.loc.setArgs(ptr, argRanges)
}

func (w *shellWalker) rangeOf(from, to syntax.Pos) model.Range {
	l1, c1, ok1 := w.pos(from)
	l2, c2, ok2 := w.pos(to)
	if !ok1 || !ok2 || c1 < 0 || c2 < 0 {
		return w.b.loc.ranges[w.ptr]
	}
	return model.Range{
		Start: model.Position{Line: l1, Column: w.b.src.RuneColumn(l1, c1)},
		End:   model.Position{Line: l2, Column: w.b.src.RuneColumn(l2, c2)},
	}
}

var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true, "busybox sh": true}

func baseName(p string) string { return p[strings.LastIndex(p, "/")+1:] }

func isShell(name string) bool { return shells[baseName(name)] }

// shellScriptArg returns the script of `sh [-flags] -c SCRIPT`.
func shellScriptArg(name string, args []string) (string, bool) {
	if !isShell(name) {
		return "", false
	}
	optionName := false
	for i, a := range args {
		if optionName {
			optionName = false // the name after -o / +o, such as pipefail
			continue
		}
		if !strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "+") {
			return "", false
		}
		if a == "-o" || a == "+o" {
			optionName = true
			continue
		}
		if !strings.HasPrefix(a, "--") && strings.Contains(a, "c") && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}

// wordString is the word's value when it is literal (quotes removed), and its source
// text for the parts that are not ($VAR, $(cmd)).
func wordString(w *syntax.Word) string {
	if w == nil {
		return ""
	}
	var sb strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			sb.WriteString(unescapeLit(p.Value))
		case *syntax.SglQuoted:
			sb.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if lit, ok := q.(*syntax.Lit); ok {
					sb.WriteString(lit.Value)
				} else {
					sb.WriteString(partSource(q))
				}
			}
		default:
			sb.WriteString(partSource(p))
		}
	}
	return sb.String()
}

// unescapeLit removes the backslashes of an unquoted literal (\$ → $, \  → space).
func unescapeLit(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// printers are reused: a new Printer allocates a 4 KiB buffer, which was an eighth of
// the memory parsing a Dockerfile allocated. Print resets a Printer.
var printers = sync.Pool{New: func() any { return syntax.NewPrinter(syntax.Minify(true)) }}

func partSource(p syntax.WordPart) string {
	if lit, ok := p.(*syntax.Lit); ok {
		return lit.Value
	}
	pr := printers.Get().(*syntax.Printer)
	defer printers.Put(pr)
	var sb strings.Builder
	if err := pr.Print(&sb, p); err != nil {
		return ""
	}
	return sb.String()
}

// sections returns the indexes of the arguments preceded by a comment line or a line
// holding only the escape character: the separators of groups in a long list.
func (w *shellWalker) sections(argRanges []model.Range) []int {
	var out []int
	for k := 1; k < len(argRanges); k++ {
		for n := argRanges[k-1].End.Line + 1; n < argRanges[k].Start.Line; n++ {
			t := strings.TrimSpace(w.b.src.Line(n))
			if t == "" || t == `\` || strings.HasPrefix(t, "#") {
				out = append(out, k)
				break
			}
		}
	}
	return out
}
