// Package dockerfile parses a Dockerfile with BuildKit's own parser and turns it into the
// policy input (see Input): stages with their base images split, instructions with their
// flags and arguments, and every RUN's shell parsed into simple commands, each with an
// exact source range.
package dockerfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/infralint/infralint/internal/textdist"
	"github.com/infralint/infralint/pkg/model"
)

// Parse reads one Dockerfile. A file the parser cannot read at all gives no document and
// one error. An instruction that is malformed (an unknown instruction, a bad flag) gives
// an error for that instruction while the rest of the file is still returned, so its
// other findings are not lost.
func Parse(path string, src []byte) (*model.Document, []model.FileError) {
	return ParseWith(path, src, Options{})
}

// ParseWith is Parse with what the caller knows of the file system around the file.
func ParseWith(path string, src []byte, opts Options) (*model.Document, []model.FileError) {
	source := model.NewSource(src)
	if fe, ok := lineTooLong(path, source); ok {
		return nil, []model.FileError{fe}
	}
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, []model.FileError{locatedError(path, source, err)}
	}
	b := &builder{
		path:   path,
		src:    source,
		escape: res.EscapeToken,
		loc:    newLocator(source),
		in: Input{
			Kind:         string(model.KindDockerfile),
			Path:         path,
			Directives:   readDirectives(src, res.EscapeToken),
			Args:         []KeyValue{},
			Stages:       []Stage{},
			Instructions: []Instruction{},
		},
	}
	if opts.Context != nil {
		b.in.Context = *opts.Context
		if len(opts.Context.Patterns) > 0 {
			b.ignore = newIgnoreMatcher(opts.Context.Patterns)
		}
	}
	for _, node := range res.AST.Children {
		b.add(node)
	}
	b.finish()
	return &model.Document{
		Kind:      model.KindDockerfile,
		Path:      path,
		Source:    source,
		Input:     &b.in,
		Locations: b.loc,
	}, b.errs
}

func readDirectives(src []byte, escape rune) Directives {
	d := Directives{Escape: string(escape)}
	if v, _, _, ok := parser.DetectSyntax(src); ok {
		d.Syntax = v
	}
	if v, _, _, ok := parser.ParseDirective("check", src); ok {
		d.Check = v
	}
	return d
}

// MaxLine is the longest line BuildKit reads (its scanner's buffer).
const MaxLine = 64<<10 - 1

// lineTooLong reports the first line BuildKit would refuse, at that line (BuildKit
// itself names the line before it).
func lineTooLong(path string, src *model.Source) (model.FileError, bool) {
	for n := 1; n <= src.LineCount(); n++ {
		if l := len(src.Line(n)); l > MaxLine {
			r := model.Range{Start: model.Position{Line: n, Column: 1}, End: model.Position{Line: n, Column: src.RuneColumn(n, 41)}}
			return model.FileError{File: path, Range: &r, Message: fmt.Sprintf(
				"line %d is %d KiB long, over the %d KiB BuildKit reads in one line", n, l>>10, (MaxLine+1)>>10)}, true
		}
	}
	return model.FileError{}, false
}

// locatedError turns a BuildKit error into a FileError with the parser's line.
func locatedError(path string, src *model.Source, err error) model.FileError {
	fe := model.FileError{File: path, Message: stableSuggestion(err, cleanMessage(err))}
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		first := le.Locations[0][0]
		line := max(first.Start.Line, 1)
		end := max(first.End.Line, line)
		if line <= src.LineCount() {
			r := src.LineRange(line, min(end, src.LineCount()))
			fe.Range = &r
		}
	}
	return fe
}

// cleanMessage drops the wrapping BuildKit adds ("dockerfile parse error on line 3: ")
// since the error's range already says where.
func cleanMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 && strings.Contains(msg[:i], "line ") {
		msg = msg[i+2:]
	}
	return msg
}

// stableSuggestion replaces BuildKit's "did you mean" for an unknown instruction, which
// it picks from a map's iteration order, so that two runs could suggest ADD or ARG for
// "a": the nearest instruction name (edit distance under 3, as BuildKit), the
// alphabetically first on a tie, in the case the unknown word was written in.
func stableSuggestion(err error, msg string) string {
	var unknown *instructions.UnknownInstructionError
	if !errors.As(err, &unknown) {
		return msg
	}
	if i := strings.LastIndex(msg, " (did you mean "); i >= 0 && strings.HasSuffix(msg, "?)") {
		msg = msg[:i]
	}
	word := strings.ToLower(unknown.Instruction)
	best, bestDist := "", 3
	for _, name := range slices.Sorted(maps.Keys(command.Commands)) {
		if name == word {
			return msg
		}
		if d := textdist.Levenshtein(word, name); d < bestDist {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return msg
	}
	if unknown.Instruction != word && unknown.Instruction == strings.ToUpper(unknown.Instruction) {
		best = strings.ToUpper(best)
	}
	return fmt.Sprintf("%s (did you mean %s?)", msg, best)
}

type builder struct {
	path   string
	src    *model.Source
	escape rune
	loc    *locator
	in     Input
	errs   []model.FileError
	scope  scope
	ignore *ignoreMatcher
}

func (b *builder) add(node *parser.Node) {
	idx := len(b.in.Instructions)
	ptr := "/instructions/" + strconv.Itoa(idx)
	stage := len(b.in.Stages) - 1
	if strings.EqualFold(node.Value, "from") {
		stage++
	}
	b.loc.set(ptr, b.src.LineRange(node.StartLine, node.EndLine), b.anchorFor(stage, node))
	in := b.instruction(node, idx, stage, ptr, 1)
	b.in.Instructions = append(b.in.Instructions, in)
	if in.Cmd == "from" {
		b.addStage(&b.in.Instructions[idx], node)
	} else if stage >= 0 {
		st := &b.in.Stages[stage]
		st.Instructions = append(st.Instructions, idx)
		switch in.Cmd {
		case "arg":
			st.Args = append(st.Args, in.Pairs...)
		case "env":
			st.Env = append(st.Env, in.Pairs...)
		}
	} else if in.Cmd == "arg" {
		b.in.Args = append(b.in.Args, in.Pairs...)
	}
}

// anchorFor is the fingerprint basis of an instruction: its stage and its text with
// whitespace collapsed, so it survives lines added above and re-indentation.
func (b *builder) anchorFor(stage int, node *parser.Node) string {
	name := strconv.Itoa(stage)
	if stage >= 0 && stage < len(b.in.Stages) && b.in.Stages[stage].Name != "" {
		name = strings.ToLower(b.in.Stages[stage].Name)
	} else if args := nodeArgs(node); strings.EqualFold(node.Value, "from") && len(args) >= 3 && strings.EqualFold(args[1], "as") {
		name = strings.ToLower(args[2]) // the stage a FROM opens is added after its anchor is set
	}
	return "stage " + name + ": " + strings.Join(strings.Fields(node.Original), " ")
}

// instruction builds one instruction. depth is 1 for a top-level instruction and 2 for
// the body of an ONBUILD, whose keyword is the second word on the line.
func (b *builder) instruction(node *parser.Node, idx, stage int, ptr string, depth int) Instruction {
	in := Instruction{
		Ptr:      ptr,
		Index:    idx,
		Cmd:      strings.ToLower(node.Value),
		Keyword:  keywordAsWritten(node),
		Stage:    stage,
		Args:     nodeArgs(node),
		Flags:    parseFlags(node.Flags),
		JSONForm: node.Attributes["json"],
		Original: node.Original,
		Heredocs: []Heredoc{},
	}
	for k, h := range node.Heredocs {
		in.Heredocs = append(in.Heredocs, Heredoc{Ptr: fmt.Sprintf("%s/heredocs/%d", ptr, k), Name: h.Name, Content: h.Content, Expand: h.Expand, Chomp: h.Chomp})
	}
	if wordSplit[in.Cmd] {
		in.Words = make([]string, len(in.Args))
		for k, a := range in.Args {
			if in.JSONForm {
				in.Words[k] = a
			} else {
				in.Words[k] = unquote(a, b.escape)
			}
		}
	}
	if depth == 1 {
		in.Comments = node.PrevComment
		b.emptyContinuations(&in, node)
	}
	typed, err := instructions.ParseInstruction(node)
	if err != nil {
		b.errs = append(b.errs, locatedError(b.path, b.src, err))
		// On error BuildKit returns a typed nil (a nil *CopyCommand in an interface),
		// which the switch below would match and dereference.
		typed = nil
	}
	switch c := typed.(type) {
	case *instructions.EnvCommand:
		in.Pairs = b.pairs(c.Env)
		in.LegacyForm = legacyForm(c.Env)
	case *instructions.LabelCommand:
		in.Pairs = b.pairs(c.Labels)
		in.LegacyForm = legacyForm(c.Labels)
	case *instructions.ArgCommand:
		for _, a := range c.Args {
			kv := KeyValue{Key: a.Key, UnquotedKey: a.Key}
			if a.Value != nil {
				kv.Value, kv.HasValue = *a.Value, true
				kv.UnquotedValue = unquote(kv.Value, b.escape)
				kv.Vars = varNames(kv.Value, b.escape)
			}
			in.Pairs = append(in.Pairs, kv)
		}
	case *instructions.CopyCommand:
		in.Sources, in.Destination = c.SourcePaths, c.DestPath
		b.copyFacts(&in, node, c.From, depth)
	case *instructions.AddCommand:
		in.Sources, in.Destination = c.SourcePaths, c.DestPath
		b.copyFacts(&in, node, "", depth)
	case *instructions.OnbuildCommand:
		if node.Next != nil && len(node.Next.Children) > 0 {
			child := node.Next.Children[0]
			// The trigger is parsed from the rest of the line and carries no lines of its own.
			child.StartLine, child.EndLine = node.StartLine, node.EndLine
			b.loc.set(ptr+"/trigger", b.loc.ranges[ptr], b.loc.anchors[ptr]+" (trigger)")
			t := b.instruction(child, idx, stage, ptr+"/trigger", depth+1)
			in.Trigger = &t
		}
	}
	if in.Cmd == "run" {
		for _, f := range in.Flags {
			if f.Name == "mount" {
				in.Mounts = append(in.Mounts, parseMount(f.Value))
			}
		}
	}
	if stage >= 0 && (in.Cmd == "run" || in.Cmd == "cmd" || in.Cmd == "entrypoint") && !in.JSONForm {
		in.Shell = b.shellOf(stage)
		in.ShellKind = shellKind(in.Shell)
	}
	if in.Cmd == "run" || in.Cmd == "cmd" || in.Cmd == "entrypoint" {
		b.analyzeRun(&in, node, ptr, depth)
	}
	b.trackScope(&in, stage)
	return in
}

// keywordAsWritten returns the instruction keyword with the user's casing. BuildKit
// lower-cases node.Value; the original line keeps the casing.
func keywordAsWritten(node *parser.Node) string {
	if fields := strings.Fields(node.Original); len(fields) > 0 {
		return fields[0]
	}
	return strings.ToUpper(node.Value)
}

func nodeArgs(node *parser.Node) []string {
	args := []string{}
	for n := node.Next; n != nil; n = n.Next {
		args = append(args, n.Value)
	}
	return args
}

func parseFlags(raw []string) []Flag {
	flags := []Flag{}
	for _, f := range raw {
		f = strings.TrimPrefix(f, "--")
		name, value, ok := strings.Cut(f, "=")
		flags = append(flags, Flag{Name: strings.ToLower(name), Value: value, Bare: !ok})
	}
	return flags
}

// parseMount reads a --mount value (CSV of key=value) into a map; the type defaults to
// bind, as in BuildKit.
func parseMount(v string) map[string]string {
	m := map[string]string{"type": "bind"}
	r := csv.NewReader(strings.NewReader(v))
	fields, err := r.Read()
	if err != nil {
		fields = strings.Split(v, ",")
	}
	for _, f := range fields {
		k, val, ok := strings.Cut(f, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok {
			val = "true" // readonly, rw, ...
		}
		if k == "dst" || k == "destination" {
			k = "target"
		}
		if k == "src" {
			k = "source"
		}
		m[k] = val
	}
	return m
}

func (b *builder) pairs(kvs instructions.KeyValuePairs) []KeyValue {
	out := make([]KeyValue, 0, len(kvs))
	for _, kv := range kvs {
		out = append(out, KeyValue{
			Key: kv.Key, Value: kv.Value, HasValue: true,
			UnquotedKey:   unquote(kv.Key, b.escape),
			UnquotedValue: unquote(kv.Value, b.escape),
			Vars:          varNames(kv.Value, b.escape),
		})
	}
	return out
}

// wordSplit lists the instructions whose arguments the builder reads as separate words
// (quotes removed), for Instruction.Words.
var wordSplit = map[string]bool{
	"from": true, "copy": true, "add": true, "workdir": true, "user": true, "expose": true,
	"volume": true, "stopsignal": true, "maintainer": true,
}

// legacyForm reports `ENV key value` (no "="), which BuildKit still accepts but warns on.
// BuildKit's parser marks the pair of the legacy form as having no delimiter.
func legacyForm(kvs instructions.KeyValuePairs) bool {
	return slices.ContainsFunc(kvs, func(kv instructions.KeyValuePair) bool { return kv.NoDelim })
}

func (b *builder) addStage(from *Instruction, node *parser.Node) {
	st := Stage{
		Ptr:          fmt.Sprintf("/stages/%d", len(b.in.Stages)),
		Index:        len(b.in.Stages),
		From:         from.Index,
		Instructions: []int{from.Index},
		CopiesFrom:   []int{},
		Args:         []KeyValue{},
		Env:          []KeyValue{},
	}
	args := from.Args
	if len(args) >= 3 && strings.EqualFold(args[1], "as") {
		st.Name = args[2]
	}
	for _, f := range from.Flags {
		if f.Name == "platform" {
			st.Platform = f.Value
		}
	}
	if len(args) > 0 {
		st.Base = b.parseImage(args[0])
		if st.Base.Stage != nil {
			st.Env = append(st.Env, b.in.Stages[*st.Base.Stage].Env...)
		}
		ptr := st.Ptr
		st.Base.Ptr = ptr + "/base"
		r := b.loc.ranges["/instructions/"+strconv.Itoa(from.Index)]
		b.loc.set(ptr, r, b.loc.anchors["/instructions/"+strconv.Itoa(from.Index)])
		b.loc.set(ptr+"/base", b.tokenRange(node.StartLine, args[0], r), "base "+args[0])
	}
	b.in.Stages = append(b.in.Stages, st)
	b.scope.enterStage(st, b.in.Stages)
}

// tokenRange finds tok on line (after the keyword) and returns its range, or fallback.
func (b *builder) tokenRange(line int, tok string, fallback model.Range) model.Range {
	text := b.src.Line(line)
	kw := strings.IndexFunc(text, func(r rune) bool { return r != ' ' && r != '\t' })
	if kw < 0 {
		return fallback
	}
	i := strings.Index(text[kw:], tok)
	if i < 0 || tok == "" {
		return fallback
	}
	start := kw + i + 1
	return model.Range{
		Start: model.Position{Line: line, Column: b.src.RuneColumn(line, start)},
		End:   model.Position{Line: line, Column: b.src.RuneColumn(line, start+len(tok))},
	}
}

func (b *builder) shellOf(stage int) []string {
	// The stage's own instructions so far, last first: for a parent stage, the last
	// instructions of the file belong to later stages.
	for _, i := range slices.Backward(b.in.Stages[stage].Instructions) {
		if in := b.in.Instructions[i]; in.Cmd == "shell" {
			return in.Args
		}
	}
	// SHELL is inherited from a parent stage (FROM <stage>) like the rest of its config.
	if st := b.in.Stages[stage]; st.Base.Stage != nil && *st.Base.Stage < stage {
		return b.shellOf(*st.Base.Stage)
	}
	return []string{"/bin/sh", "-c"}
}

// shellKind tells POSIX shells from PowerShell and cmd, whose RUN bodies the shell
// parser must not read.
func shellKind(shell []string) string {
	if len(shell) == 0 {
		return "posix"
	}
	exe := strings.ToLower(shell[0])
	exe = exe[strings.LastIndexAny(exe, `/\`)+1:]
	exe = strings.TrimSuffix(exe, ".exe")
	switch exe {
	case "powershell", "pwsh":
		return "powershell"
	case "cmd":
		return "cmd"
	}
	return "posix"
}

// finish fills what is known only at the end: the final stage, stage dependencies.
func (b *builder) finish() {
	if n := len(b.in.Stages); n > 0 {
		b.in.Stages[n-1].Final = true
	}
	for i := range b.in.Stages {
		st := &b.in.Stages[i]
		seen := map[int]bool{}
		for _, idx := range st.Instructions {
			in := b.in.Instructions[idx]
			var refs []string
			for _, f := range in.Flags {
				if f.Name == "from" && (in.Cmd == "copy" || in.Cmd == "add") {
					refs = append(refs, f.Value)
				}
			}
			for _, m := range in.Mounts {
				if from, ok := m["from"]; ok {
					refs = append(refs, from)
				}
			}
			for _, ref := range refs {
				// BuildKit looks stage names up among all stages: a later one counts too.
				if j, ok := b.stageIndex(unquote(ref, b.escape), len(b.in.Stages)); ok && j != i && !seen[j] {
					seen[j] = true
					st.CopiesFrom = append(st.CopiesFrom, j)
				}
			}
		}
	}
	if n := len(b.in.Stages); n > 0 {
		b.markShipped(n - 1)
	}
	b.stageFacts()
}

// markShipped marks stage i and every stage it takes files from.
func (b *builder) markShipped(i int) {
	st := &b.in.Stages[i]
	if st.Shipped {
		return
	}
	st.Shipped = true
	for _, j := range st.CopiesFrom {
		b.markShipped(j)
	}
	if st.Base.Stage != nil && *st.Base.Stage < i {
		b.markShipped(*st.Base.Stage)
	}
}

// stageIndex resolves a stage reference (a name or a number) made from stage `before`.
func (b *builder) stageIndex(ref string, before int) (int, bool) {
	for j := 0; j < before && j < len(b.in.Stages); j++ {
		if b.in.Stages[j].Name != "" && strings.EqualFold(b.in.Stages[j].Name, ref) {
			return j, true
		}
	}
	if n, err := strconv.Atoi(ref); err == nil && n >= 0 && n < before {
		return n, true
	}
	return 0, false
}
