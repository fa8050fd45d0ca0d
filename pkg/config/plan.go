package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/suppress"
)

// Registry is what the configuration is checked against; *rules.Registry implements it.
type Registry interface {
	Rules() []model.Rule
	Lookup(name string) (model.Rule, bool)
	Suggest(name string) string
}

// Flags are the command line's rule choices. They win over the file: --only replaces
// the file's and the defaults' choice of rules, then --enable and --disable apply.
// Per-path overrides still refine the result.
type Flags struct {
	Only, Enable, Disable []string
}

// Check checks rule names and options against the registry: an unknown rule or option,
// or an option value of the wrong type, is an error at its line.
func (c *Config) Check(reg Registry) error {
	_, err := c.resolveRules(reg)
	return err
}

// setting is a checked rule setting, by rule ID.
type setting struct {
	rule model.Rule
	*Rule
}

type checked struct {
	global    map[string]setting
	overrides []map[string]setting
}

func (c *Config) resolveRules(reg Registry) (*checked, error) {
	var errs []error
	fail := func(p pos, format string, args ...any) {
		errs = append(errs, &Error{File: c.Path, Line: p.line, Column: p.column, Msg: fmt.Sprintf(format, args...)})
	}
	resolve := func(rs Rules) map[string]setting {
		out := map[string]setting{}
		for _, name := range sortedKeys(rs) {
			r := rs[name]
			rule, ok := reg.Lookup(name)
			if !ok {
				msg := fmt.Sprintf("unknown rule %q", name)
				if s := reg.Suggest(name); s != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
				} else {
					msg += "; `infralint rules` lists them"
				}
				fail(r.pos, "%s", msg)
				continue
			}
			if prev, dup := out[rule.ID]; dup {
				first, second := prev.pos, r.pos
				if second.line < first.line {
					first, second = second, first
				}
				fail(second, "rule %s is configured twice (also on line %d, by ID or an alias)", rule.ID, first.line)
				continue
			}
			for _, opt := range sortedKeys(r.Options) {
				i := slices.IndexFunc(rule.Options, func(o model.Option) bool { return o.Name == opt })
				if i < 0 {
					names := make([]string, len(rule.Options))
					for j, o := range rule.Options {
						names[j] = o.Name
					}
					msg := fmt.Sprintf("rule %s has no option %q", rule.ID, opt)
					if s := closest(opt, names); s != "" {
						msg += fmt.Sprintf(" (did you mean %s?)", s)
					} else if len(names) > 0 {
						msg += " (options: " + strings.Join(names, ", ") + ")"
					} else {
						msg += " (it has none)"
					}
					fail(r.optPos[opt], "%s", msg)
					continue
				}
				if want := rule.Options[i].Type; !hasType(r.Options[opt], want) {
					fail(r.optPos[opt], "rule %s: option %s must be %s", rule.ID, opt, article(want))
				}
			}
			out[rule.ID] = setting{rule: rule, Rule: r}
		}
		return out
	}
	ch := &checked{global: resolve(c.Rules)}
	for _, o := range c.Overrides {
		ch.overrides = append(ch.overrides, resolve(o.Rules))
	}
	return ch, joinByLine(errs)
}

// hasType reports whether a decoded YAML value fits a METADATA option type.
func hasType(v any, typ string) bool {
	switch v.(type) {
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case int, int64, uint64, float64:
		return typ == "number"
	case []any:
		return typ == "array"
	case map[string]any:
		return typ == "object"
	case nil:
		return true
	}
	return false
}

func article(typ string) string {
	switch typ {
	case "array", "object":
		return "an " + typ
	}
	return "a " + typ
}

// Plan is what a run does with the rules: which ones the engine evaluates with which
// options, and, for each file, whether a finding is kept and at which severity.
type Plan struct {
	// Evaluate lists the IDs of the rules the engine runs.
	Evaluate []string
	// Options are option values by rule ID, for rules.Selection.Options.
	Options map[string]map[string]any

	dir       string // the configuration's directory, absolute
	cwd       string // what relative finding paths are relative to
	global    map[string]setting
	on        map[string]bool // on outside any override
	overrides []override
	exclude   *matcher
}

type override struct {
	match *matcher
	rules map[string]setting
}

// Plan resolves the configuration and the command line's choices against the
// registry. cwd is the directory relative file paths are relative to.
func (c *Config) Plan(reg Registry, fl Flags, cwd string) (*Plan, error) {
	ch, err := c.resolveRules(reg)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	lookup := func(flag string, names []string) map[string]bool {
		out := map[string]bool{}
		for _, n := range names {
			r, ok := reg.Lookup(n)
			if !ok {
				if s := reg.Suggest(n); s != "" {
					errs = append(errs, fmt.Errorf("%s: unknown rule %q (did you mean %s?)", flag, n, s))
				} else {
					errs = append(errs, fmt.Errorf("%s: unknown rule %q", flag, n))
				}
				continue
			}
			out[r.ID] = true
		}
		return out
	}
	only, enable, disable := lookup("--only", fl.Only), lookup("--enable", fl.Enable), lookup("--disable", fl.Disable)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return nil, err
	}
	p := &Plan{dir: dir, cwd: cwd, global: ch.global, on: map[string]bool{}, Options: map[string]map[string]any{}}
	p.exclude = newMatcher(c.Exclude)
	for i, o := range c.Overrides {
		p.overrides = append(p.overrides, override{match: newMatcher(o.Paths), rules: ch.overrides[i]})
	}
	allowed := func(id string) bool { return !disable[id] && (len(fl.Only) == 0 || only[id]) }
	for _, r := range reg.Rules() {
		on := r.Enabled
		if r.ID == suppress.RuleNoReason && c.RequireReason {
			on = true
		}
		if s, ok := ch.global[r.ID]; ok {
			on = s.On(on)
		}
		if len(fl.Only) > 0 {
			on = only[r.ID]
		}
		on = (on || enable[r.ID]) && !disable[r.ID]
		p.on[r.ID] = on
		evaluate := on
		if !on && allowed(r.ID) {
			// A rule that is off may be on for some paths: it is evaluated everywhere and
			// its findings kept only there.
			for _, o := range p.overrides {
				if s, ok := o.rules[r.ID]; ok && s.On(false) {
					evaluate = true
				}
			}
		}
		if !evaluate {
			continue
		}
		p.Evaluate = append(p.Evaluate, r.ID)
		if s, ok := ch.global[r.ID]; ok && len(s.Options) > 0 {
			p.Options[r.ID] = s.Options
		}
	}
	return p, nil
}

// Severity is a rule's severity outside any override: as configured, or def.
func (p *Plan) Severity(id string, def model.Severity) model.Severity {
	if s, ok := p.global[id]; ok && s.Severity != model.SeverityNone {
		return s.Severity
	}
	return def
}

// Rule returns whether a rule's findings in file are kept, and at which severity
// (def is the METADATA severity). file is as findings name it.
func (p *Plan) Rule(file, id string, def model.Severity) (bool, model.Severity) {
	on, sev := p.on[id], p.Severity(id, def)
	if len(p.overrides) == 0 {
		return on, sev
	}
	parts := p.parts(file)
	for _, o := range p.overrides {
		s, ok := o.rules[id]
		if !ok || !o.match.match(parts, false) {
			continue
		}
		on = s.On(on)
		if s.Severity != model.SeverityNone {
			sev = s.Severity
		}
	}
	return on, sev
}

// On reports whether a rule is on outside any per-path override.
func (p *Plan) On(id string) bool { return p.on[id] }

// Active reports whether a rule's findings in file are kept.
func (p *Plan) Active(file, id string) bool {
	on, _ := p.Rule(file, id, model.SeverityNone)
	return on
}

// Apply sets a finding's configured severity and reports whether it is kept.
func (p *Plan) Apply(f *model.Finding) bool {
	on, sev := p.Rule(f.File, f.RuleID, f.Severity)
	f.Severity = sev
	return on
}

// Excluded reports whether the configuration's exclude patterns cover a file (or, with
// isDir, a directory such as a Helm chart).
func (p *Plan) Excluded(file string, isDir bool) bool {
	if p.exclude.m == nil {
		return false
	}
	return p.exclude.match(p.parts(file), isDir)
}

// parts is file relative to the configuration's directory, split; nil when the file is
// outside it (no pattern then applies).
func (p *Plan) parts(file string) []string {
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.cwd, file)
	}
	rel, err := filepath.Rel(p.dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil
	}
	if rel == "." {
		return nil
	}
	return strings.Split(filepath.ToSlash(rel), "/")
}

// matcher matches paths against .gitignore-style patterns.
type matcher struct {
	m gitignore.Matcher
}

func newMatcher(patterns []string) *matcher {
	var ps []gitignore.Pattern
	for _, s := range patterns {
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(s, nil))
	}
	if len(ps) == 0 {
		return &matcher{}
	}
	return &matcher{m: gitignore.NewMatcher(ps)}
}

// match reports whether a file (split path) is covered, as git decides: a file is
// covered when it or any directory above it is, and a file in a covered directory
// cannot be re-included.
func (m *matcher) match(parts []string, isDir bool) bool {
	if m == nil || m.m == nil || len(parts) == 0 {
		return false
	}
	for i := 1; i <= len(parts); i++ {
		if m.m.Match(parts[:i], i < len(parts) || isDir) {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
