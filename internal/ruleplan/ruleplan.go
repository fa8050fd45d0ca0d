// Package ruleplan plans the built-in policies of one document kind to OPA's
// intermediate representation, in the binary form package planeval runs, its constant
// collection literals folded into values (planeval.FoldLiterals). `go generate`
// writes the plans into pkg/rules/plans (internal/gen/ruleplan); the tests check that
// they are current.
package ruleplan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/compile"
	"github.com/open-policy-agent/opa/v1/ir"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/planeval"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/policies"
)

// Build plans every built-in rule of a kind: one plan per rule, named
// rules.PlanName(kind, id), over the libraries and the kind's rule modules. A rule's
// options are read from the data document (rules.PlanOptionsRoot) rather than
// compiled in, so one plan serves every configuration.
func Build(kind model.Kind) ([]byte, error) {
	reg, err := rules.LoadFromSource()
	if err != nil {
		return nil, err
	}
	b := &bundle.Bundle{Data: map[string]any{}}
	add := func(p string, src []byte) error {
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: p, Path: p, Raw: src, Parsed: m})
		return nil
	}
	err = rules.WalkPolicies(policies.FS, func(p string, src []byte) error {
		if !strings.HasPrefix(p, "lib/") && !strings.HasPrefix(p, string(kind)+"/") {
			return nil
		}
		return add(p, src)
	})
	if err != nil {
		return nil, err
	}
	var entrypoints []string
	for _, r := range reg.Rules() {
		if r.Target != kind {
			continue
		}
		entrypoints = append(entrypoints, rules.PlanName(kind, r.ID))
		if len(r.Options) > 0 {
			src := rules.OptionsModule(kind, r.ID, fmt.Sprintf("data.%s[%q]", rules.PlanOptionsRoot, r.ID))
			if err := add(path.Join("options", r.ID+".rego"), []byte(src)); err != nil {
				return nil, err
			}
		}
	}
	if len(entrypoints) == 0 {
		return nil, fmt.Errorf("no built-in rules of kind %s", kind)
	}
	c := compile.New().WithTarget(compile.TargetPlan).WithBundle(b).
		WithEntrypoints(entrypoints...).WithRegoVersion(ast.RegoV1).WithOutput(&bytes.Buffer{})
	if err := c.Build(context.Background()); err != nil {
		return nil, fmt.Errorf("planning %s policies: %w", kind, err)
	}
	mods := c.Bundle().PlanModules
	if len(mods) != 1 {
		return nil, fmt.Errorf("planning %s policies gave %d plan files", kind, len(mods))
	}
	var p ir.Policy
	if err := json.Unmarshal(mods[0].Raw, &p); err != nil {
		return nil, err
	}
	plan, err := planeval.Encode(&p)
	if err != nil {
		return nil, err
	}
	// The literals are folded here, once, rather than by every process that loads the
	// plan.
	folded, _, err := planeval.FoldLiterals(plan)
	return folded, err
}
