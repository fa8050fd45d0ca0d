// Command ruleplan writes pkg/rules/plans/<kind>.irp, the built-in policies of each
// document kind planned to OPA's intermediate representation, which the engine runs
// instead of compiling Rego at start-up. `go generate ./...` runs it (from
// pkg/rules/generate.go); the tests fail when a plan is stale.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/infralint/infralint/internal/ruleplan"
	"github.com/infralint/infralint/pkg/rules"
)

func main() {
	dir := "plans"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := run(dir); err != nil {
		fmt.Fprintln(os.Stderr, "ruleplan:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, kind := range rules.PlannedKinds {
		out, err := ruleplan.Build(kind)
		if err != nil {
			return err
		}
		file := filepath.Join(dir, string(kind)+".irp")
		if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, out) {
			continue
		}
		if err := os.WriteFile(file, out, 0o644); err != nil {
			return err
		}
	}
	return nil
}
