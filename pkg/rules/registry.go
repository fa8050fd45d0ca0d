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
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infralint/infralint/internal/textdist"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/policies"
)

// Registry holds every known rule and the Rego modules behind them.
//
// The built-in rules come from a table generated at build time (builtin_gen.go, written
// by `go generate` from the policies' METADATA and checked against them by the tests), so
// loading the registry parses no Rego: listing rules, explaining one and checking the
// configuration cost nothing, and a kind's policies are parsed, without annotations, only
// when an engine compiles that kind. User policies (--policy DIR) are parsed when loaded,
// since their METADATA is only in their source.
type Registry struct {
	rules   []model.Rule // sorted by ID
	byName  map[string]int
	modules map[string][]*ast.Module // rule ID → the modules loaded from source
	libs    []*ast.Module            // library modules loaded from source, shared by every kind
	locs    map[string]string        // rule ID → where it is defined, for error messages

	builtin     map[string]func() ([]*ast.Module, error) // built-in rule ID → its modules, parsed on first use
	builtinLibs func() ([]*ast.Module, error)            // the built-in libraries, parsed on first use
	userSource  map[string]bool                          // rule IDs with modules from a user directory
	userLibs    bool                                     // a user directory has library modules
}

// Load reads the built-in rules from the generated table and the user policy directories
// (--policy DIR). A user rule has the same METADATA and package shape as a built-in one,
// and is listed, selected and reported the same way.
func Load(userDirs ...string) (*Registry, error) {
	reg := newRegistry()
	lib, rs := builtinTable()
	reg.builtinLibs = sync.OnceValues(func() ([]*ast.Module, error) { return parseBuiltin(lib) })
	for _, b := range rs {
		r := b.rule
		r.Source, r.Dir = "builtin", path.Dir(b.files[0])
		reg.rules = append(reg.rules, r)
		reg.locs[r.ID] = b.files[0]
		reg.builtin[r.ID] = sync.OnceValues(func() ([]*ast.Module, error) { return parseBuiltin(b.files) })
	}
	return reg.finish(userDirs)
}

// LoadFromSource is Load with the built-in rules read from their Rego source, METADATA
// annotations and all, as Load did before the table existed: what `go generate` writes
// the table and the documentation from, and what the tests check the table against.
func LoadFromSource(userDirs ...string) (*Registry, error) {
	reg := newRegistry()
	if err := reg.loadFS(policies.FS, "builtin", true); err != nil {
		return nil, err
	}
	return reg.finish(userDirs)
}

func newRegistry() *Registry {
	return &Registry{
		byName: map[string]int{}, modules: map[string][]*ast.Module{}, locs: map[string]string{},
		builtin: map[string]func() ([]*ast.Module, error){}, userSource: map[string]bool{},
		builtinLibs: func() ([]*ast.Module, error) { return nil, nil },
	}
}

func (reg *Registry) finish(userDirs []string) (*Registry, error) {
	var errs []error
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

// parseBuiltin parses embedded policy files without annotations: their METADATA is in
// the generated table, and no policy reads its own annotations (rego.metadata).
func parseBuiltin(files []string) ([]*ast.Module, error) {
	out := make([]*ast.Module, 0, len(files))
	for _, p := range files {
		if parseHook != nil {
			parseHook(p)
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return nil, err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{})
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// parseHook, when set (by tests, before Load), is told each embedded file parsed.
var parseHook func(file string)

// libModules returns the library modules every kind compiles: the built-in ones and
// those of the user directories.
func (reg *Registry) libModules() ([]*ast.Module, error) {
	lib, err := reg.builtinLibs()
	if err != nil {
		return nil, fmt.Errorf("built-in policy library: %w", err)
	}
	return append(slices.Clip(lib), reg.libs...), nil
}

// modulesOf returns a rule's modules, parsing a built-in rule's on first use.
func (reg *Registry) modulesOf(id string) ([]*ast.Module, error) {
	var out []*ast.Module
	if parse, ok := reg.builtin[id]; ok {
		ms, err := parse()
		if err != nil {
			return nil, fmt.Errorf("built-in rule %s: %w", id, err)
		}
		out = slices.Clip(ms)
	}
	return append(out, reg.modules[id]...), nil
}

func (reg *Registry) loadFS(fsys fs.FS, source string, builtin bool) error {
	var errs []error
	err := WalkPolicies(fsys, func(p string, src []byte) error {
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

// WalkPolicies calls fn with the path and text of each policy file of fsys, in lexical
// order: every .rego file except tests (_test.rego) and fixtures (under testdata/).
func WalkPolicies(fsys fs.FS, fn func(path string, src []byte) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
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
		return fn(p, src)
	})
}

func (reg *Registry) add(m *ast.Module, p, source string, builtin bool) error {
	target, id, isRule := rulePath(m)
	if !isRule {
		reg.libs = append(reg.libs, m)
		reg.userLibs = reg.userLibs || !builtin
		return nil
	}
	if !builtin {
		reg.userSource[id] = true
	}
	_, inTable := reg.builtin[id]
	if _, seen := reg.modules[id]; seen || inTable {
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
	reg.locs[id] = m.Package.Location.String()
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
					reg.locs[at.ID], name, reg.rules[j].ID, r.ID))
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
		if d := textdist.Levenshtein(strings.ToLower(name), key); d < bestDist || (d == bestDist && reg.rules[i].ID < best) {
			best, bestDist = reg.rules[i].ID, d
		}
	}
	return best
}

// parseRules returns the modules of each rule, in order. Built-in rules not parsed yet
// are parsed on all cores: a kind's first document waits for it.
func (reg *Registry) parseRules(ids []string) ([][]*ast.Module, error) {
	out := make([][]*ast.Module, len(ids))
	errs := make([]error, len(ids))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ids) {
					return
				}
				out[i], errs[i] = reg.modulesOf(ids[i])
			}
		})
	}
	// The libraries are parsed meanwhile, on this goroutine.
	_, libErr := reg.libModules()
	wg.Wait()
	return out, errors.Join(append(errs, libErr)...)
}
