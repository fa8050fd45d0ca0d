// Command configschema writes schemas/config.json, the JSON Schema of .infralint.yaml,
// from the configuration's Go types and every built-in rule's METADATA (IDs, aliases,
// options). Run it with `go generate ./...` from the repository root; pkg/config's
// TestSchemaCurrent fails when the committed file is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/rules"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "configschema:", err)
		os.Exit(1)
	}
}

func run() error {
	reg, err := rules.LoadFromSource()
	if err != nil {
		return err
	}
	out, err := config.Schema(reg)
	if err != nil {
		return err
	}
	path := filepath.Join("schemas", "config.json")
	if old, err := os.ReadFile(path); err == nil && string(old) == string(out) {
		return nil
	}
	return os.WriteFile(path, out, 0o644)
}
