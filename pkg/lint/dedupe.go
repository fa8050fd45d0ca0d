package lint

import (
	"slices"
	"strings"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/suppress"
)

// mergeValuesSets reports a finding of a Helm chart once when several renders (values
// sets) produce it: the same rule, file, range and message. The finding kept is the
// first; its Context lists every set ("values sets default, prod; …") and the other
// details they add (a value supplied by another values file), and its Related
// locations are the union. Two objects of one render at the same template line (a
// range loop) merge the same way. Findings without a values set are left alone.
func mergeValuesSets(evaluated []suppress.Evaluated) []suppress.Evaluated {
	type key struct {
		rule, file, msg string
		r               model.Range
	}
	type kept struct {
		doc, idx int
		sets     []string
		details  []string
	}
	first := map[key]*kept{}
	var order []*kept
	drop := map[[2]int]bool{}
	for d, ev := range evaluated {
		for i, f := range ev.Findings {
			if !strings.HasPrefix(f.Context, helm.ContextPrefix) {
				continue
			}
			set, details := splitSetContext(f.Context)
			k := key{f.RuleID, f.File, f.Message, f.Range}
			if kp, ok := first[k]; ok {
				if !slices.Contains(kp.sets, set) {
					kp.sets = append(kp.sets, set)
				}
				for _, x := range details {
					if !slices.Contains(kp.details, x) {
						kp.details = append(kp.details, x)
					}
				}
				target := &evaluated[kp.doc].Findings[kp.idx]
				for _, r := range f.Related {
					if !slices.Contains(target.Related, r) {
						target.Related = append(target.Related, r)
					}
				}
				drop[[2]int{d, i}] = true
				continue
			}
			kp := &kept{doc: d, idx: i, sets: []string{set}, details: details}
			first[k] = kp
			order = append(order, kp)
		}
	}
	for _, kp := range order {
		f := &evaluated[kp.doc].Findings[kp.idx]
		label := helm.ContextPrefix
		if len(kp.sets) > 1 {
			label = "values sets "
		}
		f.Context = strings.Join(append([]string{label + strings.Join(kp.sets, ", ")}, kp.details...), "; ")
	}
	if len(drop) == 0 {
		return evaluated
	}
	for d := range evaluated {
		fs := evaluated[d].Findings
		out := make([]model.Finding, 0, len(fs))
		for i, f := range fs {
			if !drop[[2]int{d, i}] {
				out = append(out, f)
			}
		}
		evaluated[d].Findings = out
	}
	return evaluated
}

// splitSetContext splits "values set prod; Deployment web; value x from f:3" into the
// set name and the other parts.
func splitSetContext(ctx string) (string, []string) {
	parts := strings.Split(ctx, "; ")
	return strings.TrimPrefix(parts[0], helm.ContextPrefix), parts[1:]
}
