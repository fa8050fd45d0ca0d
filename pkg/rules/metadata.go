package rules

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infralint/infralint/pkg/model"
)

// Categories are the rule categories infralint knows.
var Categories = []string{"security", "reliability", "efficiency", "maintainability", "style"}

// Targets are the document kinds a rule can be written for. KindMeta is the target of
// built-in rules whose findings the Go pipeline emits (pkg/suppress); user policies
// cannot use it.
var Targets = []model.Kind{model.KindDockerfile, model.KindCompose, model.KindKubernetes, model.KindHelm, model.KindCross, model.KindMeta}

// ruleIDPattern is compiled on first use: package initialisation is on the path of
// every command, `--version` included.
var ruleIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`) })

// rulePath reads the target and ID from a rule package path,
// data.infralint.rules.<target>["<id>"]. ok is false for any other package.
func rulePath(m *ast.Module) (target model.Kind, id string, ok bool) {
	p := m.Package.Path
	if len(p) != 5 || !p[1].Equal(ast.StringTerm("infralint")) || !p[2].Equal(ast.StringTerm("rules")) {
		return "", "", false
	}
	t, ok1 := p[3].Value.(ast.String)
	i, ok2 := p[4].Value.(ast.String)
	if !ok1 || !ok2 {
		return "", "", false
	}
	return model.Kind(t), string(i), true
}

// ruleFromModule reads a rule's METADATA block (package scope) into a model.Rule and
// checks it. Every problem is reported at once, each with the module's file and line.
func ruleFromModule(m *ast.Module, target model.Kind, id string) (model.Rule, error) {
	r := model.Rule{ID: id, Target: target, Enabled: true}
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: rule %s: %s", m.Package.Location, id, fmt.Sprintf(format, args...)))
	}
	if !ruleIDPattern().MatchString(id) {
		fail("ID must be kebab-case (a-z, 0-9, single dashes)")
	}
	if !slices.Contains(Targets, target) {
		fail("unknown target %q (want one of %v)", target, Targets)
	}
	var a *ast.Annotations
	for _, ann := range m.Annotations {
		if ann.Scope == "package" {
			a = ann
		}
	}
	if a == nil {
		fail("no METADATA block on the package")
		return r, errors.Join(errs...)
	}
	r.Title = strings.TrimSpace(a.Title)
	r.Description = strings.TrimSpace(a.Description)
	if r.Title == "" {
		fail("METADATA has no title")
	}
	if r.Description == "" {
		fail("METADATA has no description")
	}
	for _, rr := range a.RelatedResources {
		r.References = append(r.References, model.Reference{URL: rr.Ref.String(), Description: rr.Description})
	}
	custom := a.Custom
	sev, _ := custom["severity"].(string)
	if s, err := model.ParseSeverity(sev); err != nil || s == model.SeverityNone {
		fail("custom.severity must be error, warning or info, not %q", sev)
	} else {
		r.Severity = s
	}
	r.Category, _ = custom["category"].(string)
	if !slices.Contains(Categories, r.Category) {
		fail("custom.category must be one of %v, not %q", Categories, r.Category)
	}
	if v, ok := custom["enabled"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			fail("custom.enabled must be true or false")
		}
		r.Enabled = b
	}
	if v, ok := custom["aliases"]; ok {
		list, isList := v.([]any)
		if !isList {
			fail("custom.aliases must be a list of strings")
		}
		for _, x := range list {
			s, isStr := x.(string)
			if !isStr || s == "" {
				fail("custom.aliases must be a list of strings")
				continue
			}
			r.Aliases = append(r.Aliases, s)
		}
	}
	if v, ok := custom["options"]; ok {
		opts, err := readOptions(v)
		if err != nil {
			fail("%v", err)
		}
		r.Options = opts
	}
	for k := range custom {
		if !slices.Contains([]string{"severity", "category", "enabled", "aliases", "options"}, k) {
			fail("unknown custom field %q", k)
		}
	}
	return r, errors.Join(errs...)
}

func readOptions(v any) ([]model.Option, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("custom.options must map option names to {type, default, description}")
	}
	var out []model.Option
	for _, name := range sortedKeys(m) {
		spec, ok := m[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("option %s must be {type, default, description}", name)
		}
		o := model.Option{Name: name, Default: spec["default"]}
		o.Type, _ = spec["type"].(string)
		o.Description, _ = spec["description"].(string)
		if !slices.Contains([]string{"string", "number", "boolean", "array", "object"}, o.Type) {
			return nil, fmt.Errorf("option %s: type must be string, number, boolean, array or object", name)
		}
		if _, has := spec["default"]; !has || o.Description == "" {
			return nil, fmt.Errorf("option %s needs a default and a description", name)
		}
		out = append(out, o)
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
