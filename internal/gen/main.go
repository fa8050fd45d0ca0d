// Command gen writes the generated documentation: docs/rules/*.md and the rules table
// in README.md, from the rules' METADATA and fixtures. Run it with `go generate ./...`
// from the repository root; the policies meta-test fails when its output is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/infralint/infralint/pkg/ruledoc"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/policies"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	reg, err := rules.LoadFromSource()
	if err != nil {
		return err
	}
	files := ruledoc.Files(policies.FS, reg.Rules())
	// Pages of rules that no longer exist are removed.
	old, _ := filepath.Glob(filepath.Join("docs", "rules", "*.md"))
	for _, p := range old {
		if _, keep := files[filepath.ToSlash(p)]; !keep {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	for p, content := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return err
	}
	out, err := ruledoc.SpliceReadme(string(readme), reg.Rules())
	if err != nil {
		return err
	}
	if out != string(readme) {
		return os.WriteFile("README.md", []byte(out), 0o644)
	}
	return nil
}
