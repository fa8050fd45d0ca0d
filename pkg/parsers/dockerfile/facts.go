package dockerfile

import (
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// This file computes the facts that rules would otherwise each re-derive: unquoted
// words, variable references, the stage graph, COPY --from targets, .dockerignore
// matches, empty continuation lines and the scripts of COPY heredocs.

// unquote removes the quotes and escapes of a Dockerfile word as the builder's lexer
// does, but keeps variables as written: "a b" → a b, 'x' → x, a\ b → a b.
// Inside double quotes only the escape before ", $ and the escape itself is removed.
func unquote(s string, escape rune) string {
	if !strings.ContainsAny(s, `"'`+string(escape)) {
		return s
	}
	var sb strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == escape:
			if i+1 < len(rs) {
				i++
				sb.WriteRune(rs[i])
			}
		case c == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			sb.WriteString(string(rs[i+1 : j]))
			i = j
		case c == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == escape && j+1 < len(rs) && (rs[j+1] == '"' || rs[j+1] == '$' || rs[j+1] == escape) {
					j++
				}
				sb.WriteRune(rs[j])
			}
			i = j
		default:
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

// varNames lists, once each and in order, the variables a word expands.
func varNames(word string, escape rune) []string {
	var out []string
	for _, v := range varRefs(word, escape) {
		if !containsString(out, v.Name) {
			out = append(out, v.Name)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// emptyContinuations records the blank lines inside an instruction's continuation
// (before any heredoc body): BuildKit skips them and warns that they will become errors.
func (b *builder) emptyContinuations(in *Instruction, node *parser.Node) {
	cont := b.continues(b.src.Line(node.StartLine))
	for n := node.StartLine + 1; n <= node.EndLine && cont; n++ {
		t := strings.TrimSpace(b.src.Line(n))
		switch {
		case strings.HasPrefix(t, "#"):
		case t == "":
			p := fmt.Sprintf("%s/empty_continuations/%d", in.Ptr, len(in.EmptyContinuations))
			b.loc.set(p, b.src.LineRange(n, n), fmt.Sprintf("%s (empty line %d)", b.loc.anchors[in.Ptr], len(in.EmptyContinuations)))
			in.EmptyContinuations = append(in.EmptyContinuations, Located{Ptr: p})
		default:
			cont = b.continues(b.src.Line(n))
		}
	}
}

// continues reports whether a line ends with the escape character (a continuation).
func (b *builder) continues(line string) bool {
	return strings.HasSuffix(strings.TrimRight(line, " \t"), string(b.escape))
}

// copyFacts fills what a COPY or ADD reads from the build context: the sources the
// .dockerignore excludes and the files its heredocs write (with their scripts parsed).
func (b *builder) copyFacts(in *Instruction, node *parser.Node, from string, depth int) {
	if depth == 1 && from == "" && b.ignore != nil {
		for _, src := range in.Sources {
			p := contextPath(unquote(src, b.escape))
			if p != "" && b.ignore.ignored(p) && !containsString(in.Ignored, p) {
				in.Ignored = append(in.Ignored, p)
			}
		}
	}
	if len(in.Heredocs) == 0 {
		return
	}
	dest := unquote(in.Destination, b.escape)
	first := b.heredocBodyLines(node)
	for k := range in.Heredocs {
		h := &in.Heredocs[k]
		if len(in.Heredocs) == 1 && !strings.HasSuffix(dest, "/") {
			h.Target = dest
		} else {
			h.Target = path.Join(dest, h.Name)
		}
		if k < len(first) && depth == 1 {
			b.loc.set(h.Ptr, b.src.LineRange(first[k], first[k]+max(strings.Count(h.Content, "\n")-1, 0)), b.loc.anchors[in.Ptr]+" (heredoc "+h.Name+")")
			// A script over MaxScript is not parsed (the parser recurses per nesting level);
			// it is only a file the COPY writes, so it is no error of the Dockerfile.
			if shebangShell(h.Content) && len(h.Content) <= MaxScript {
				w := &shellWalker{b: b, out: &h.Commands, ptr: h.Ptr, pos: fileMapper(first[k])}
				_ = w.parse(h.Content) // a script that does not parse has no commands
			}
		}
	}
}

// heredocBodyLines returns the first line of each heredoc body of a node: the bodies
// follow the instruction's own lines in order, each ended by its delimiter line.
func (b *builder) heredocBodyLines(node *parser.Node) []int {
	total := 0
	for _, h := range node.Heredocs {
		total += strings.Count(h.Content, "\n") + 1
	}
	line := node.EndLine - total + 1
	out := make([]int, 0, len(node.Heredocs))
	for _, h := range node.Heredocs {
		out = append(out, line)
		line += strings.Count(h.Content, "\n") + 1
	}
	return out
}

// shebangShell is true for a script whose #! line runs a POSIX shell.
func shebangShell(content string) bool {
	first, _, _ := strings.Cut(content, "\n")
	if !strings.HasPrefix(first, "#!") {
		return false
	}
	fields := strings.Fields(strings.TrimPrefix(first, "#!"))
	if len(fields) == 0 {
		return false
	}
	prog := fields[0]
	if baseName(prog) == "env" && len(fields) > 1 {
		prog = fields[1]
	}
	return isShell(prog)
}

// stageFacts fills, once all stages are known, each stage's chain, whether its layers
// are the shipped image's, its OS, and the stage or image each COPY --from names.
func (b *builder) stageFacts() {
	for i := range b.in.Stages {
		st := &b.in.Stages[i]
		st.Chain = []int{i}
		for cur := st; cur.Base.Stage != nil && *cur.Base.Stage < cur.Index && len(st.Chain) <= len(b.in.Stages); {
			st.Chain = append(st.Chain, *cur.Base.Stage)
			cur = &b.in.Stages[*cur.Base.Stage]
		}
	}
	if n := len(b.in.Stages); n > 0 {
		for _, j := range b.in.Stages[n-1].Chain {
			b.in.Stages[j].InImage = true
		}
	}
	for i := range b.in.Stages {
		st := &b.in.Stages[i]
		st.OS = "linux"
		for _, j := range st.Chain {
			if b.windowsStage(j) {
				st.OS = "windows"
			}
		}
	}
	for k := range b.in.Instructions {
		in := &b.in.Instructions[k]
		if (in.Cmd != "copy" && in.Cmd != "add") || in.Stage < 0 {
			continue
		}
		for _, f := range in.Flags {
			if f.Name != "from" {
				continue
			}
			ref := unquote(f.Value, b.escape)
			if ref == "" || strings.Contains(ref, "$") {
				break
			}
			if j, ok := b.stageIndex(ref, len(b.in.Stages)); ok {
				in.FromStage = &j
				break
			}
			img := b.parseImage(ref)
			if !img.Invalid && img.Repository != "" {
				img.Ptr = in.Ptr
				img.Stage = nil
				in.FromImage = &img
			}
		}
	}
}

// windowsStage is true for a stage whose base image or SHELL says Windows.
func (b *builder) windowsStage(i int) bool {
	st := b.in.Stages[i]
	if st.Base.Stage == nil {
		name := strings.ToLower(st.Base.Raw)
		for _, w := range []string{"windows", "nanoserver", "servercore"} {
			if strings.Contains(name, w) {
				return true
			}
		}
	}
	for _, idx := range st.Instructions {
		if in := b.in.Instructions[idx]; in.Cmd == "shell" && len(in.Args) > 0 && shellKind(in.Args) != "posix" {
			return true
		}
	}
	return false
}
