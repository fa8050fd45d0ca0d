package compose

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/template"
	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
)

// environ is an interpolation environment: the variables and, for those an env file
// set, where.
type environ struct {
	vars map[string]string
	from map[string]envLoc
}

// envLoc is the line of an env file that sets a variable.
type envLoc struct {
	file int // index in project.files
	line int
}

func newEnviron() *environ {
	return &environ{vars: map[string]string{}, from: map[string]envLoc{}}
}

func (e *environ) clone() *environ {
	c := newEnviron()
	for k, v := range e.vars {
		c.vars[k] = v
	}
	for k, v := range e.from {
		c.from[k] = v
	}
	return c
}

func (e *environ) lookup(name string) (string, bool) {
	v, ok := e.vars[name]
	return v, ok
}

// loadEnvFile reads a .env-style file into e. Variables already set by the calling
// environment (fixed) keep their value, as with `docker compose`.
func (p *project) loadEnvFile(abs string, e *environ, fixed map[string]string, required bool, at *ref) bool {
	data, err := p.readFile(abs)
	if err != nil {
		if !required && !isRefused(err) {
			return false
		}
		msg := fmt.Sprintf("env file %s: %v", p.displayPath(abs), err)
		if at != nil && at.file >= 0 {
			p.failAt(at.file, at.ptr, msg)
		} else {
			p.fail(p.displayPath(abs), nil, msg)
		}
		return false
	}
	fi := p.addEnvFile(abs, data)
	vars, err := dotenv.ParseWithLookup(bytes.NewReader(data), func(k string) (string, bool) {
		return e.lookup(k)
	})
	if err != nil {
		p.fail(p.files[fi].display, nil, "env file: "+err.Error())
		return false
	}
	for k, v := range vars {
		if _, ok := fixed[k]; ok {
			continue
		}
		e.vars[k] = v
		e.from[k] = envLoc{file: fi, line: envLine(p.files[fi].src, k)}
	}
	return true
}

// addEnvFile registers an env file as a source of the project (findings about the
// variables it sets point into it).
func (p *project) addEnvFile(abs string, data []byte) int {
	if i, ok := p.byAbs[abs]; ok {
		return i
	}
	p.files = append(p.files, &srcFile{abs: abs, display: p.displayPath(abs), role: roleEnv, src: model.NewSource(data)})
	p.byAbs[abs] = len(p.files) - 1
	return len(p.files) - 1
}

// envLine finds the last line of an env file that sets name (the value that wins).
func envLine(src *model.Source, name string) int {
	re := regexp.MustCompile(`^\s*(?:export\s+)?` + regexp.QuoteMeta(name) + `\s*[=:]`)
	found := 0
	for n := 1; n <= src.LineCount(); n++ {
		if re.MatchString(src.Line(n)) {
			found = n
		}
	}
	if found == 0 {
		// A bare NAME line (inherits the environment).
		bare := regexp.MustCompile(`^\s*(?:export\s+)?` + regexp.QuoteMeta(name) + `\s*$`)
		for n := 1; n <= src.LineCount(); n++ {
			if bare.MatchString(src.Line(n)) {
				found = n
			}
		}
	}
	return found
}

// use is one variable use in a string.
type use struct {
	name     string
	op       string // "", ":-", "-", ":?", "?", ":+", "+"
	arg      string // the default, message or alternative after op
	set      bool
	nonEmpty bool
}

// scanUses finds the variable uses of s and evaluates them against lookup as Compose
// does, so the uses nested in a default that is not taken are left out.
func scanUses(s string, lookup func(string) (string, bool), depth int) []use {
	if depth > 8 || !strings.Contains(s, "$") {
		return nil
	}
	var out []use
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		switch c := s[i+1]; {
		case c == '$':
			i++ // $$ is a literal $
		case c == '{':
			end := closingBrace(s, i+1)
			if end < 0 {
				return out
			}
			inner := s[i+2 : end]
			n := nameLen(inner)
			if n == 0 {
				i = end
				continue
			}
			u := use{name: inner[:n]}
			rest := inner[n:]
			for _, op := range []string{":-", ":?", ":+", "-", "?", "+"} {
				if strings.HasPrefix(rest, op) {
					u.op, u.arg = op, rest[len(op):]
					break
				}
			}
			v, ok := lookup(u.name)
			u.set, u.nonEmpty = ok, ok && v != ""
			out = append(out, u)
			if u.arg != "" && u.takesArg() {
				out = append(out, scanUses(u.arg, lookup, depth+1)...)
			}
			i = end
		case isNameStart(c):
			n := nameLen(s[i+1:])
			u := use{name: s[i+1 : i+1+n]}
			v, ok := lookup(u.name)
			u.set, u.nonEmpty = ok, ok && v != ""
			out = append(out, u)
			i += n
		}
	}
	return out
}

// takesArg says whether the text after the operator is what the use expands to.
func (u use) takesArg() bool {
	switch u.op {
	case ":-":
		return !u.nonEmpty
	case "-":
		return !u.set
	case ":+":
		return u.nonEmpty
	case "+":
		return u.set
	}
	return false
}

// hasDefault is true when the use never expands to an unset variable.
func (u use) hasDefault() bool { return u.op == ":-" || u.op == "-" || u.op == ":+" || u.op == "+" }

// failure is the error Compose stops with for a required variable, or "".
func (u use) failure() string {
	var bad bool
	switch u.op {
	case ":?":
		bad = !u.nonEmpty
	case "?":
		bad = !u.set
	}
	if !bad {
		return ""
	}
	if u.arg != "" {
		return fmt.Sprintf("required variable %s is missing a value: %s", u.name, u.arg)
	}
	return fmt.Sprintf("required variable %s is missing a value", u.name)
}

func closingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func nameLen(s string) int {
	if s == "" || !isNameStart(s[0]) {
		return 0
	}
	n := 1
	for n < len(s) && (isNameStart(s[n]) || (s[n] >= '0' && s[n] <= '9')) {
		n++
	}
	return n
}

// hasVars is true when s holds an interpolation (not only $$ escapes).
func hasVars(s string) bool {
	return len(scanUses(s, func(string) (string, bool) { return "", true }, 0)) > 0
}

// interpolate expands s the way Compose does, never failing: a required variable that
// is missing expands to nothing (its error is reported separately, with its line).
func interpolate(s string, e *environ) string {
	if !strings.Contains(s, "$") {
		return s
	}
	out, _ := template.SubstituteWithOptions(s, e.lookup, template.WithoutLogging)
	return out
}

// lenientSubstitute is the substitution Compose's loader is given: that of Compose,
// except that a missing required variable is not fatal.
func lenientSubstitute(s string, m template.Mapping) (string, error) {
	out, _ := template.SubstituteWithOptions(s, m, template.WithoutLogging)
	return out, nil
}

// scanVariables records every interpolation use of the YAML files, and reports the
// required variables that are missing as errors at the line that uses them.
func (p *project) scanVariables() {
	for fi, f := range p.files {
		if f.doc == nil {
			continue
		}
		p.walkScalars(fi, f.doc, "", 0)
	}
}

func (p *project) walkScalars(fi int, n *yaml.Node, ptr string, depth int) {
	if depth > 64 || n == nil {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if !strings.Contains(n.Value, "$") || n.Tag == "!!binary" {
			return
		}
		f := p.files[fi]
		for _, u := range scanUses(n.Value, f.env.lookup, 0) {
			v := Variable{
				Ptr: rawPtr(fi, ptr), Name: u.name, Set: u.set, Default: u.hasDefault(),
				Required: u.op == ":?" || u.op == "?", File: f.display,
			}
			if loc, ok := f.env.from[u.name]; ok && u.set {
				v.Source = p.files[loc.file].display
			}
			p.vars = append(p.vars, v)
			if msg := u.failure(); msg != "" {
				p.failAt(fi, ptr, msg)
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Value == "<<" && k.Tag == "!!merge" {
				continue
			}
			p.walkScalars(fi, n.Content[i+1], ptr+"/"+escape(k.Value), depth+1)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p.walkScalars(fi, c, fmt.Sprintf("%s/%d", ptr, i), depth+1)
		}
	}
}

// rawPtr is the input pointer of a raw pointer of file fi.
func rawPtr(fi int, ptr string) string {
	return fmt.Sprintf("/files/%d/raw%s", fi, ptr)
}
