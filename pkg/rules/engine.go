package rules

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/planeval"
)

// Selection says which rules run and with which options.
type Selection struct {
	// Only, when set, runs exactly these rules (IDs or aliases), whether or not they
	// are on by default.
	Only []string
	// Enable turns on rules that are off by default; Disable turns rules off.
	Enable, Disable []string
	// Options override option defaults, by rule ID or alias, then option name.
	Options map[string]map[string]any
}

// Engine evaluates documents against the enabled rules. It is safe for concurrent use:
// each document kind's policies are compiled once, on first use, into one prepared
// query that all workers share.
type Engine struct {
	reg     *Registry
	enabled []model.Rule
	byID    map[string]model.Rule
	options map[string]map[string]any
	mu      sync.Mutex
	queries map[model.Kind]*preparedKind
	// topdownOnly makes every kind evaluate with topdown, never a plan.
	topdownOnly bool
}

// preparedKind is how one kind's documents are evaluated: a plan of the built-in
// policies made at build time when there is one, else a topdown query.
type preparedKind struct {
	once sync.Once
	pq   rego.PreparedEvalQuery
	plan *plannedKind
	err  error
}

// plannedKind runs the plans of a kind's enabled rules (see package planeval).
type plannedKind struct {
	prog  *planeval.Program
	plans []int     // the enabled rules' plans
	ids   []string  // the rule of each plan
	data  ast.Value // the rules' options, at data.<PlanOptionsRoot>[rule ID]
}

// New selects the rules to run. An unknown rule or option name is an error that says
// what was probably meant.
func New(reg *Registry, sel Selection) (*Engine, error) {
	var errs []error
	resolve := func(names []string) map[string]bool {
		out := map[string]bool{}
		for _, n := range names {
			r, ok := reg.Lookup(n)
			if !ok {
				errs = append(errs, unknownRule(reg, n))
				continue
			}
			out[r.ID] = true
		}
		return out
	}
	only, enable, disable := resolve(sel.Only), resolve(sel.Enable), resolve(sel.Disable)
	e := &Engine{reg: reg, byID: map[string]model.Rule{}, options: map[string]map[string]any{}, queries: map[model.Kind]*preparedKind{}}
	for _, r := range reg.rules {
		on := r.Enabled
		if len(sel.Only) > 0 {
			on = only[r.ID]
		}
		on = (on || enable[r.ID]) && !disable[r.ID]
		if !on {
			continue
		}
		e.enabled = append(e.enabled, r)
		e.byID[r.ID] = r
		opts := map[string]any{}
		for _, o := range r.Options {
			opts[o.Name] = o.Default
		}
		e.options[r.ID] = opts
	}
	for name, given := range sel.Options {
		r, ok := reg.Lookup(name)
		if !ok {
			errs = append(errs, unknownRule(reg, name))
			continue
		}
		for k, v := range given {
			if !slices.ContainsFunc(r.Options, func(o model.Option) bool { return o.Name == k }) {
				errs = append(errs, fmt.Errorf("rule %s has no option %q", r.ID, k))
				continue
			}
			if opts, on := e.options[r.ID]; on {
				opts[k] = v
			}
		}
	}
	return e, errors.Join(errs...)
}

func unknownRule(reg *Registry, name string) error {
	if s := reg.Suggest(name); s != "" {
		return fmt.Errorf("unknown rule %q (did you mean %s?)", name, s)
	}
	return fmt.Errorf("unknown rule %q", name)
}

// Rules returns the enabled rules, sorted by ID.
func (e *Engine) Rules() []model.Rule { return slices.Clone(e.enabled) }

// Registry returns the registry the engine selects from.
func (e *Engine) Registry() *Registry { return e.reg }

// UseTopdown makes the engine evaluate every kind with OPA's topdown evaluator from the
// Rego source, never with the plans made at build time: the reference the plans are
// checked against, and a way to rule the planner out when a finding looks wrong. Call
// it before the first evaluation.
func (e *Engine) UseTopdown() { e.topdownOnly = true }

// kindFor returns how a kind is evaluated, preparing it on first use. A run that lints
// only Dockerfiles never loads or compiles the other kinds' policies.
func (e *Engine) kindFor(ctx context.Context, kind model.Kind) (*preparedKind, error) {
	e.mu.Lock()
	pk, ok := e.queries[kind]
	if !ok {
		pk = &preparedKind{}
		e.queries[kind] = pk
	}
	e.mu.Unlock()
	pk.once.Do(func() {
		if pk.plan, pk.err = e.planned(kind); pk.plan == nil && pk.err == nil {
			pk.pq, pk.err = e.prepare(ctx, kind)
		}
	})
	return pk, pk.err
}

// planned returns the plans of a kind's enabled rules, or nil when the kind must be
// compiled instead: it has no plan, the engine is told to use topdown, or a user policy
// (a rule of the kind or a library) takes part, since only built-in policies are planned.
func (e *Engine) planned(kind model.Kind) (*plannedKind, error) {
	if e.topdownOnly || e.reg.userLibs {
		return nil, nil
	}
	var ids []string
	for _, r := range e.enabled {
		if r.Target != kind {
			continue
		}
		if e.reg.userSource[r.ID] {
			return nil, nil
		}
		ids = append(ids, r.ID)
	}
	prog, err := programFor(kind)
	if prog == nil || err != nil {
		return nil, err
	}
	pk := &plannedKind{prog: prog, ids: ids}
	opts := map[string]any{}
	for _, id := range ids {
		i, ok := prog.Plan(PlanName(kind, id))
		if !ok {
			return nil, fmt.Errorf("built-in %s plan has no rule %s (run go generate)", kind, id)
		}
		pk.plans = append(pk.plans, i)
		if len(e.byID[id].Options) > 0 {
			opts[id] = e.options[id]
		}
	}
	data, err := ast.InterfaceToValue(map[string]any{PlanOptionsRoot: opts})
	if err != nil {
		return nil, fmt.Errorf("%s rule options: %w", kind, err)
	}
	pk.data = data
	return pk, nil
}

// aggregateModule collects the findings of every compiled rule of a kind in one query:
// one evaluation per document, never one per rule.
const aggregateModule = `package infralint.main.%[1]s

findings contains {"rule": id, "result": r} if {
	some id
	some r in data.infralint.rules.%[1]s[id].deny
}
`

// checkOnlyStages are the compiler stages that only report mistakes, or that only serve
// features the built-in policies do not use: they change nothing evaluation uses as long
// as no policy uses `with` (topdown reads the type environment CheckTypes builds to mock
// functions) or calls rego.metadata (the annotation stages). They are skipped for the
// built-in policies, which TestBuiltinPoliciesPassEveryCheck compiles with every stage
// (and checks for `with` and rego.metadata); user policies get every stage.
var checkOnlyStages = []ast.StageID{
	ast.StageCheckTypes, ast.StageCheckUnusedImports, ast.StageCheckDeprecatedBuiltins,
	ast.StageBuildRequiredCapabilities, ast.StageCheckRecursion, ast.StageCheckKeywordOverrides,
	ast.StageCheckDuplicateImports, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs, ast.StageCheckVoidCalls,
	ast.StageParseMetadataBlocks, ast.StageSetAnnotationSet, ast.StageRewriteRegoMetadataCalls,
}

// OptionsModule is the Rego module that gives a rule its options, as `options` in the
// rule's own package: value is a Rego term, the options themselves for topdown, or the
// data reference a plan reads them from (PlanOptionsRoot).
func OptionsModule(kind model.Kind, id, value string) string {
	return fmt.Sprintf("package infralint.rules.%s[%q]\n\noptions := %s\n", kind, id, value)
}

func (e *Engine) prepare(ctx context.Context, kind model.Kind) (rego.PreparedEvalQuery, error) {
	c, err := e.compile(kind, false)
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	return rego.New(
		rego.Compiler(c),
		rego.Query(fmt.Sprintf("data.infralint.main.%s.findings", kind)),
	).PrepareForEval(ctx)
}

// compile compiles the libraries, the enabled rules of a kind, their options and the
// aggregate query. Built-in policies skip the check-only stages unless fullChecks is set
// (by the test that compiles them with every check).
func (e *Engine) compile(kind model.Kind, fullChecks bool) (*ast.Compiler, error) {
	var ids []string
	for _, r := range e.enabled {
		if r.Target == kind {
			ids = append(ids, r.ID)
		}
	}
	ruleMods, err := e.reg.parseRules(ids)
	if err != nil {
		return nil, err
	}
	libs, err := e.reg.libModules()
	if err != nil {
		return nil, err
	}
	modules := map[string]*ast.Module{}
	for _, m := range libs {
		modules[m.Package.Location.File] = m
	}
	user := e.reg.userLibs
	for k, id := range ids {
		user = user || e.reg.userSource[id]
		for i, m := range ruleMods[k] {
			modules[fmt.Sprintf("%s#%d", m.Package.Location.File, i)] = m
		}
		// Options are compiled in as a rule of the rule's own package, so a policy
		// reads them as `options.name`, defaults from METADATA merged with config.
		// Rules without options get no module: an empty one costs OPA's type checker a
		// walk over every module per rule (measured: a third of the compile time).
		r := e.byID[id]
		if len(r.Options) == 0 {
			continue
		}
		opts, err := json.Marshal(e.options[r.ID])
		if err != nil {
			return nil, fmt.Errorf("rule %s options: %w", r.ID, err)
		}
		src := OptionsModule(kind, r.ID, string(opts))
		m, err := ast.ParseModule("options/"+r.ID+".rego", src)
		if err != nil {
			return nil, fmt.Errorf("rule %s options: %w", r.ID, err)
		}
		modules["options/"+r.ID] = m
	}
	agg, err := ast.ParseModule("aggregate/"+string(kind)+".rego", fmt.Sprintf(aggregateModule, kind))
	if err != nil {
		return nil, err
	}
	modules["aggregate/"+string(kind)] = agg
	c := ast.NewCompiler()
	if !user && !fullChecks {
		c = c.WithSkipStages(checkOnlyStages...)
	}
	c.Compile(modules)
	if c.Failed() {
		return nil, fmt.Errorf("compiling %s policies: %w", kind, c.Errors)
	}
	return c, nil
}

// Prepare compiles the policies of the given kinds now rather than on first use.
func (e *Engine) Prepare(ctx context.Context, kinds ...model.Kind) error {
	for _, k := range kinds {
		if _, err := e.kindFor(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// never is a canceller that never fires: passing it stops OPA from starting a goroutine
// per evaluation to watch the context.
var never = topdown.NewCancel()

// Evaluate runs the enabled rules of the document's kind and returns its findings, each
// with a range and a fingerprint.
func (e *Engine) Evaluate(ctx context.Context, doc *model.Document) ([]model.Finding, error) {
	pk, err := e.kindFor(ctx, doc.Kind)
	if err != nil {
		return nil, err
	}
	input, err := inputValue(doc.Input)
	if err != nil {
		return nil, fmt.Errorf("%s: building policy input: %w", doc.Path, err)
	}
	var raws []rawFinding
	if pk.plan != nil {
		raws, err = pk.plan.eval(ctx, input)
	} else {
		raws, err = evalTopdown(ctx, pk.pq, input)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Path, err)
	}
	return e.decode(doc, raws)
}

type rawFinding struct {
	rule, ptr, msg string
	at             model.Position
}

// newRawFinding is one finding a rule's deny set holds, whichever evaluator gave it.
func newRawFinding(rule, msg, ptr string) (rawFinding, error) {
	if rule == "" || msg == "" {
		return rawFinding{}, fmt.Errorf("rule %q returned a finding without a message: use result.fail", rule)
	}
	return rawFinding{rule: rule, ptr: ptr, msg: msg}, nil
}

func evalTopdown(ctx context.Context, pq rego.PreparedEvalQuery, input ast.Value) ([]rawFinding, error) {
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalExternalCancel(never))
	if err != nil {
		return nil, fmt.Errorf("evaluating policies: %w", err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	items, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("policies returned %T, not a set of findings", rs[0].Expressions[0].Value)
	}
	raws := make([]rawFinding, 0, len(items))
	for _, it := range items {
		obj, _ := it.(map[string]any)
		rule, _ := obj["rule"].(string)
		res, _ := obj["result"].(map[string]any)
		msg, _ := res["msg"].(string)
		ptr, _ := res["ptr"].(string)
		raw, err := newRawFinding(rule, msg, ptr)
		if err != nil {
			return nil, err
		}
		raws = append(raws, raw)
	}
	return raws, nil
}

func (pk *plannedKind) eval(ctx context.Context, input ast.Value) ([]rawFinding, error) {
	vals, err := pk.prog.Eval(ctx, input, pk.data, pk.plans)
	if err != nil {
		return nil, fmt.Errorf("evaluating policies: %w", err)
	}
	var raws []rawFinding
	for i, v := range vals {
		if v == nil {
			continue
		}
		set, ok := v.(ast.Set)
		if !ok {
			return nil, fmt.Errorf("rule %s: deny is %s, not a set", pk.ids[i], ast.ValueName(v))
		}
		err := set.Iter(func(t *ast.Term) error {
			obj, _ := t.Value.(ast.Object)
			var msg, ptr ast.String
			if obj != nil {
				if m := obj.Get(ast.InternedTerm("msg")); m != nil {
					msg, _ = m.Value.(ast.String)
				}
				if p := obj.Get(ast.InternedTerm("ptr")); p != nil {
					ptr, _ = p.Value.(ast.String)
				}
			}
			raw, err := newRawFinding(pk.ids[i], string(msg), string(ptr))
			if err != nil {
				return err
			}
			raws = append(raws, raw)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return raws, nil
}

func (e *Engine) decode(doc *model.Document, raws []rawFinding) ([]model.Finding, error) {
	for i := range raws {
		raws[i].at = doc.Locations.Locate(raws[i].ptr).Start
	}
	// Order before numbering repeats, so fingerprints do not depend on set order. Repeats
	// are numbered in source order (not in the text order of their pointers, where
	// /instructions/12 comes before /instructions/5), so each keeps its number when
	// lines or instructions are added above them.
	slices.SortFunc(raws, func(a, b rawFinding) int {
		return cmp.Or(strings.Compare(a.rule, b.rule), strings.Compare(a.msg, b.msg),
			cmp.Compare(a.at.Line, b.at.Line), cmp.Compare(a.at.Column, b.at.Column),
			strings.Compare(a.ptr, b.ptr))
	})
	// seen counts the findings of each key by the key's hash: a key holds its anchor,
	// which can hold a whole RUN instruction, and an install of thousands of packages
	// has a finding per package.
	seen := map[[sha256.Size]byte]int{}
	out := make([]model.Finding, 0, len(raws))
	for _, raw := range raws {
		r := e.byID[raw.rule]
		file := doc.Path
		if f := doc.Locations.File(raw.ptr); f != "" {
			file = f
		}
		anchor := doc.Locations.Anchor(raw.ptr)
		key := raw.rule + "\x00" + file + "\x00" + anchor + "\x00" + raw.msg
		id := sha256.Sum256([]byte(key))
		n := seen[id]
		seen[id] = n + 1
		out = append(out, model.Finding{
			RuleID:      raw.rule,
			Severity:    r.Severity,
			Category:    r.Category,
			HelpURI:     r.HelpURI(),
			Message:     raw.msg,
			File:        file,
			Range:       doc.Locations.Locate(raw.ptr),
			Pointer:     raw.ptr,
			Context:     doc.Locations.Context(raw.ptr),
			Fingerprint: fingerprint(key, n),
		})
		if rl, ok := doc.Locations.(model.RelatedLocator); ok {
			out[len(out)-1].Related = rl.Related(raw.ptr)
		}
	}
	return out, nil
}

func fingerprint(key string, occurrence int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, occurrence))
	return hex.EncodeToString(sum[:16])
}
