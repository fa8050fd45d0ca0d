// Package rules is the policy engine: it loads the built-in and user Rego policies,
// reads each rule's METADATA into a registry, compiles the policies of a document kind
// once, and evaluates documents into findings.
package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/policies"
)

// Registry holds every known rule and the Rego modules behind them.
type Registry struct {
	rules   []model.Rule // sorted by ID
	byName  map[string]int
	modules map[string][]*ast.Module // rule ID → its modules
	libs    []*ast.Module            // library modules, shared by every kind
}

// Load reads the built-in policies and the user policy directories (--policy DIR).
// A user rule has the same METADATA and package shape as a built-in one, and is
// listed, selected and reported the same way.
func Load(userDirs ...string) (*Registry, error) {
	reg := &Registry{byName: map[string]int{}, modules: map[string][]*ast.Module{}}
	var errs []error
	errs = append(errs, reg.loadFS(policies.FS, "builtin", true))
	for _, dir := range userDirs {
		if _, err := os.Stat(dir); err != nil {
			errs = append(errs, fmt.Errorf("policy directory: %w", err))
			continue
		}
		errs = append(errs, reg.loadFS(os.DirFS(dir), dir, false))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(reg.rules, func(a, b model.Rule) int { return strings.Compare(a.ID, b.ID) })
	return reg, reg.index()
}

func (reg *Registry) loadFS(fsys fs.FS, source string, builtin bool) error {
	var errs []error
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := p
		if !builtin {
			name = filepath.Join(source, filepath.FromSlash(p))
		}
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true})
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		errs = append(errs, reg.add(m, p, source, builtin))
		return nil
	})
	return errors.Join(append(errs, err)...)
}

func (reg *Registry) add(m *ast.Module, p, source string, builtin bool) error {
	target, id, isRule := rulePath(m)
	if !isRule {
		reg.libs = append(reg.libs, m)
		return nil
	}
	if _, seen := reg.modules[id]; seen {
		// A second module of the same rule package adds helpers; METADATA lives in one.
		reg.modules[id] = append(reg.modules[id], m)
		if hasPackageMetadata(m) {
			return fmt.Errorf("%s: rule %s has METADATA in more than one file", m.Package.Location, id)
		}
		return nil
	}
	r, err := ruleFromModule(m, target, id)
	if err != nil {
		return err
	}
	r.Source, r.Dir = source, path.Dir(p)
	if target == model.KindMeta && !builtin {
		return fmt.Errorf("%s: rule %s: target meta is reserved for infralint's built-in rules", m.Package.Location, id)
	}
	if builtin {
		want := path.Join(string(target), id, strings.ReplaceAll(id, "-", "_")+".rego")
		if p != want {
			return fmt.Errorf("%s: rule %s must live in policies/%s", m.Package.Location, id, want)
		}
		if len(r.References) == 0 {
			return fmt.Errorf("%s: rule %s has no related_resources: name the practice it encodes", m.Package.Location, id)
		}
	}
	reg.modules[id] = []*ast.Module{m}
	reg.rules = append(reg.rules, r)
	return nil
}

func hasPackageMetadata(m *ast.Module) bool {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return true
		}
	}
	return false
}

// index builds the ID and alias lookup and rejects duplicates: an ID or alias must name
// exactly one rule, so suppressions and config never need a qualifier.
func (reg *Registry) index() error {
	var errs []error
	for i, r := range reg.rules {
		for _, name := range append([]string{r.ID}, r.Aliases...) {
			key := strings.ToLower(name)
			if j, dup := reg.byName[key]; dup && j != i {
				// Point at the rule a user can change: a user policy rather than a built-in one.
				at := r
				if at.Source == "builtin" {
					at = reg.rules[j]
				}
				errs = append(errs, fmt.Errorf("%s: %q names both rule %s and rule %s",
					reg.modules[at.ID][0].Package.Location, name, reg.rules[j].ID, r.ID))
				continue
			}
			reg.byName[key] = i
		}
	}
	return errors.Join(errs...)
}

// Rules returns every known rule, sorted by ID.
func (reg *Registry) Rules() []model.Rule { return slices.Clone(reg.rules) }

// Lookup finds a rule by ID or alias (case-insensitive: DL3008 and dl3008 both work).
func (reg *Registry) Lookup(name string) (model.Rule, bool) {
	i, ok := reg.byName[strings.ToLower(name)]
	if !ok {
		return model.Rule{}, false
	}
	return reg.rules[i], true
}

// Suggest returns the known names closest to an unknown one, for "did you mean".
func (reg *Registry) Suggest(name string) string {
	best, bestDist := "", 4
	for key, i := range reg.byName {
		if d := levenshtein(strings.ToLower(name), key); d < bestDist || (d == bestDist && reg.rules[i].ID < best) {
			best, bestDist = reg.rules[i].ID, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
