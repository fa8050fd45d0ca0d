package rules

import (
	"embed"
	"fmt"
	"path"
	"sync"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/planeval"
)

// PlannedKinds are the document kinds whose built-in policies are planned at build
// time (see internal/ruleplan).
var PlannedKinds = []model.Kind{model.KindDockerfile, model.KindCompose, model.KindKubernetes, model.KindHelm, model.KindCross}

// PlanOptionsRoot is where a planned rule reads its options: data.<root>[rule ID].
const PlanOptionsRoot = "infralint_options"

// PlanName names the plan of one rule: its deny set as an entrypoint.
func PlanName(kind model.Kind, id string) string {
	return path.Join("infralint/rules", string(kind), id, "deny")
}

// planFS holds the plans `go generate` writes (internal/gen/ruleplan).
//
//go:embed plans/*.irp
var planFS embed.FS

var programs = func() map[model.Kind]func() (*planeval.Program, error) {
	out := map[model.Kind]func() (*planeval.Program, error){}
	for _, k := range PlannedKinds {
		out[k] = sync.OnceValues(func() (*planeval.Program, error) { return readPlan(k) })
	}
	return out
}()

// readPlan reads and loads the embedded plan of a kind.
func readPlan(kind model.Kind) (*planeval.Program, error) {
	data, err := planFS.ReadFile("plans/" + string(kind) + ".irp")
	if err != nil {
		return nil, err
	}
	p, err := planeval.Unmarshal(data)
	if err != nil {
		return nil, fmt.Errorf("built-in %s plan: %w", kind, err)
	}
	return p, nil
}

// programFor returns the planned built-in policies of a kind, loaded on first use, or
// nil when the kind has none.
func programFor(kind model.Kind) (*planeval.Program, error) {
	load, ok := programs[kind]
	if !ok {
		return nil, nil
	}
	return load()
}
