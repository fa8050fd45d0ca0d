package dockerfile

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
)

// scope tracks which variables each instruction can see: global ARGs for FROM, and in a
// stage its own ARGs plus the ENV it and its parent stages set.
type scope struct {
	global   map[string]string // global ARG defaults
	stageEnv []map[string]bool // per stage: ENV names (inherited by child stages)
	current  map[string]bool   // names visible in the current stage
}

// predefinedArgs are the build arguments BuildKit defines without an ARG.
var predefinedArgs = []string{
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE",
	"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
	"NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "SOURCE_DATE_EPOCH",
}

// expandedByBuilder lists the instructions whose arguments the builder itself expands.
// RUN, CMD and ENTRYPOINT are left to the shell at run time.
var expandedByBuilder = map[string]bool{
	"from": true, "add": true, "copy": true, "env": true, "expose": true, "label": true,
	"stopsignal": true, "user": true, "volume": true, "workdir": true, "arg": true,
}

func (s *scope) enterStage(st Stage, stages []Stage) {
	env := map[string]bool{}
	if st.Base.Stage != nil && *st.Base.Stage < len(s.stageEnv) {
		maps.Copy(env, s.stageEnv[*st.Base.Stage])
	}
	s.stageEnv = append(s.stageEnv, env)
	s.current = maps.Clone(env)
	_ = stages
}

// trackScope records the variables in's arguments use, then the names it defines.
func (b *builder) trackScope(in *Instruction, stage int) {
	s := &b.scope
	if expandedByBuilder[in.Cmd] {
		var visible map[string]bool // built at the first reference: most instructions have none
		for _, word := range varWords(in) {
			for _, ref := range varRefs(word, b.escape) {
				if slices.ContainsFunc(in.Vars, func(v Var) bool { return v.Name == ref.Name }) {
					continue
				}
				if visible == nil {
					if in.Cmd == "from" {
						visible = s.visible(-1) // FROM sees only the global ARGs
					} else {
						visible = s.visible(stage)
					}
				}
				ref.Defined = visible[ref.Name]
				if !ref.Defined {
					ref.Suggestion = suggestName(ref.Name, visible)
				}
				in.Vars = append(in.Vars, ref)
			}
		}
	}
	switch {
	case in.Cmd == "arg" && stage < 0:
		if s.global == nil {
			s.global = map[string]string{}
		}
		for _, p := range in.Pairs {
			s.global[p.Key] = p.UnquotedValue // ARG V="1.0" gives 1.0
		}
	case in.Cmd == "arg":
		for _, p := range in.Pairs {
			s.current[p.Key] = true
		}
	case in.Cmd == "env" && stage >= 0:
		for _, p := range in.Pairs {
			s.current[p.Key] = true
			s.stageEnv[stage][p.Key] = true
		}
	}
}

// visible returns the names an instruction of the given stage can expand.
func (s *scope) visible(stage int) map[string]bool {
	v := map[string]bool{}
	for _, n := range predefinedArgs {
		v[n] = true
	}
	if stage < 0 {
		for n := range s.global {
			v[n] = true
		}
		return v
	}
	maps.Copy(v, s.current)
	return v
}

// varWords are the words of an instruction that the builder expands.
func varWords(in *Instruction) []string {
	words := slices.Clone(in.Args)
	if in.Cmd == "from" && len(words) > 1 {
		words = words[:1] // "AS name" is not expanded
	}
	if in.Cmd == "env" || in.Cmd == "label" || in.Cmd == "arg" {
		words = words[:0]
		for _, p := range in.Pairs {
			words = append(words, p.Value)
		}
	}
	for _, f := range in.Flags {
		words = append(words, f.Value)
	}
	return words
}

// varRefs finds $NAME and ${NAME...} in a word as the builder's lexer reads it: not
// inside single quotes, and not after the escape character.
func varRefs(word string, escape rune) []Var {
	if !strings.Contains(word, "$") {
		return nil
	}
	var out []Var
	rs := []rune(word)
	inDouble := false
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == escape:
			i++ // the next character is literal
		case c == '\'' && !inDouble:
			for i++; i < len(rs) && rs[i] != '\''; i++ {
			}
		case c == '"':
			inDouble = !inDouble
		case c == '$' && i+1 < len(rs):
			if v, n, ok := readVar(rs[i+1:]); ok {
				out = append(out, v)
				i += n
			}
		}
	}
	return out
}

// readVar reads NAME or {NAME[:-word]} after a $, returning how many runes it used.
func readVar(rs []rune) (Var, int, bool) {
	braced := rs[0] == '{'
	start := 0
	if braced {
		start = 1
	}
	end := start
	for end < len(rs) && (rs[end] == '_' || unicode.IsLetter(rs[end]) && rs[end] < 128 || end > start && rs[end] >= '0' && rs[end] <= '9') {
		end++
	}
	if end == start {
		return Var{}, 0, false
	}
	v := Var{Name: string(rs[start:end])}
	if braced && end < len(rs) {
		op := rs[end]
		if op == ':' && end+1 < len(rs) {
			op = rs[end+1]
		}
		v.HasDefault = op == '-' || op == '=' || op == '?'
	}
	return v, end, true
}

type globalEnv map[string]string

func (g globalEnv) Get(k string) (string, bool) { v, ok := g[k]; return v, ok }
func (g globalEnv) Keys() []string              { return slices.Sorted(maps.Keys(g)) }

// expandGlobal expands a FROM reference with the global ARG defaults. It returns the
// word unchanged when a variable has no value, so callers can tell.
func (s *scope) expandGlobal(word string) string {
	lex := shell.NewLex('\\')
	res, err := lex.ProcessWordWithMatches(word, globalEnv(s.global))
	if err != nil || len(res.Unmatched) > 0 {
		return word
	}
	return res.Result
}

// suggestName returns the visible name that an undefined one most likely misspells: one
// that differs only in case first (ARG and ENV names are case-sensitive), then the
// nearest by edit distance.
func suggestName(name string, visible map[string]bool) string {
	names := slices.Sorted(maps.Keys(visible))
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	if sug, ok := suggest.Search(name, names, true); ok {
		return sug
	}
	return ""
}
