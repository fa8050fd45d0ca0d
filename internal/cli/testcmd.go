package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/pkg/rules/ruletest"
)

func newTestCmd(s Streams) *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the fixtures of the rules in policy directories, as the built-in rules are tested",
		Long: "Load the rules of each policy directory and check every rule against the\n" +
			"fixtures in its testdata/: each bad* fixture must produce exactly its\n" +
			"`# want: rule-id [\"message regexp\"]` lines, each good* fixture nothing. Exits 0\n" +
			"when all pass, 1 when one fails, 2 when the policies do not load.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			reg, err := rules.Load(dirs...)
			if err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("loading policies: %w", err)}
			}
			var b strings.Builder
			ran, failed := 0, 0
			for _, dir := range dirs {
				n := 0
				for _, r := range reg.Rules() {
					if r.Source != dir {
						continue
					}
					n++
					res := ruletest.Run(cmd.Context(), reg, r, dir)
					ran++
					if !res.Failed() {
						fmt.Fprintf(&b, "ok    %s (%d fixtures)\n", r.ID, len(res.Fixtures))
						if verbose {
							for _, fx := range res.Fixtures {
								fmt.Fprintf(&b, "        %s\n", relative(cwd(), fx.Path))
							}
						}
						continue
					}
					failed++
					fmt.Fprintf(&b, "FAIL  %s\n", r.ID)
					for _, p := range res.Problems {
						fmt.Fprintf(&b, "        %s\n", p)
					}
					for _, fx := range res.Fixtures {
						for _, p := range fx.Problems {
							fmt.Fprintf(&b, "        %s: %s\n", relative(cwd(), fx.Path), p)
						}
					}
				}
				if n == 0 {
					return usageError("%s holds no rules: a rule is DIR/<target>/<id>/<id>.rego with package infralint.rules.<target>[\"<id>\"]", dir)
				}
			}
			if failed > 0 {
				fmt.Fprintf(&b, "FAIL: %d of %d rules\n", failed, ran)
			} else {
				fmt.Fprintf(&b, "PASS: %d rules\n", ran)
			}
			if _, err := fmt.Fprint(s.Out, b.String()); err != nil {
				return err
			}
			if failed > 0 {
				return &exitError{code: ExitFindings, silent: true}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every fixture")
	return cmd
}

func cwd() string {
	d, err := os.Getwd()
	if err != nil {
		return "."
	}
	return d
}
