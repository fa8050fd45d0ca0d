// Command ruletable writes pkg/rules/builtin_gen.go, the table of the built-in rules'
// METADATA and files that rules.Load reads instead of parsing every policy. `go generate
// ./...` runs it (from pkg/rules/generate.go); the rules tests fail when it is stale.
package main

import (
	"fmt"
	"go/format"
	"os"

	"github.com/infralint/infralint/pkg/rules"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ruletable:", err)
		os.Exit(1)
	}
}

func run() error {
	reg, err := rules.LoadFromSource()
	if err != nil {
		return err
	}
	src, err := rules.TableSource(reg)
	if err != nil {
		return err
	}
	if src, err = format.Source(src); err != nil {
		return err
	}
	out := "builtin_gen.go"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	if old, err := os.ReadFile(out); err == nil && string(old) == string(src) {
		return nil
	}
	return os.WriteFile(out, src, 0o644)
}
