package rules

import "github.com/infralint/infralint/pkg/planeval"

// InputValue exposes inputValue to the benchmarks of package rules_test.
var InputValue = inputValue

// DecodePlan reads a kind's embedded plan afresh, as the first document of that kind
// in a process does (programFor keeps it for the rest of the process).
func DecodePlan(kind string) (*planeval.Program, error) {
	data, err := planFS.ReadFile("plans/" + kind + ".irp")
	if err != nil {
		return nil, err
	}
	return planeval.Unmarshal(data)
}
