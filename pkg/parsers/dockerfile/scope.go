package dockerfile

import (
	"maps"
	"regexp"
	"slices"
	"strings"

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
		visible := s.visible(stage)
		if in.Cmd == "from" {
			visible = s.visible(-1) // FROM sees only the global ARGs
		}
		for _, word := range varWords(in) {
			for _, ref := range varRefs(word, b.escape) {
				if slices.ContainsFunc(in.Vars, func(v Var) bool { return v.Name == ref.Name }) {
					continue
				}
				ref.Defined = visible[ref.Name]
				if !ref.Defined {
					if sug, ok := suggest.Search(ref.Name, slices.Sorted(maps.Keys(visible)), true); ok {
						ref.Suggestion = sug
					}
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
			s.global[p.Key] = p.Value
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

var varRef = regexp.MustCompile(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?=])?|([A-Za-z_][A-Za-z0-9_]*))`)

// varRefs finds $NAME and ${NAME...} in a word, skipping escaped dollars.
func varRefs(word string, escape rune) []Var {
	var out []Var
	for _, m := range varRef.FindAllStringSubmatchIndex(word, -1) {
		if m[0] > 0 && rune(word[m[0]-1]) == escape {
			continue
		}
		v := Var{}
		if m[2] >= 0 {
			v.Name = word[m[2]:m[3]]
			v.HasDefault = m[4] >= 0 && strings.ContainsAny(word[m[4]:m[5]], "-=?")
		} else {
			v.Name = word[m[6]:m[7]]
		}
		out = append(out, v)
	}
	return out
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
