package cli

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/rules"
)

func newConfigCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Check the configuration file, or print its JSON Schema",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError("config needs a subcommand: validate or schema")
		},
	}
	cmd.AddCommand(newConfigValidateCmd(s), newConfigSchemaCmd(s))
	return cmd
}

func newConfigValidateCmd(s Streams) *cobra.Command {
	var dirs []string
	cmd := &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a configuration file: keys, rule names, options (default: the one infralint would read)",
		Long: "Check a configuration file: its keys, the rules it names (IDs or aliases, with the\n" +
			"policies it adds) and their options. Exits 0 when it is valid and 2 with every\n" +
			"problem, each with its line, when it is not.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cf := &configFlags{}
			if len(args) == 1 {
				cf.path = args[0]
			} else {
				cf.path = s.Getenv(EnvName("config"))
			}
			if cf.path == "" {
				cwd, err := os.Getwd()
				if err != nil {
					return err
				}
				found, err := config.Find(cwd)
				if err != nil {
					return &exitError{code: ExitError, err: err}
				}
				if found == "" {
					return usageError("no %s in this directory or its parents (up to the repository root)", config.Names[0])
				}
				cf.path = relative(cwd, found)
			}
			cfg, err := config.Load(cf.path)
			if cfg == nil {
				return problems(s, err)
			}
			// Rule names are checked even when the structure has errors, so one run
			// lists every problem.
			var errs []error
			if err != nil {
				errs = append(errs, err)
			}
			if _, rerr := loadRegistry(cfg, dirs); rerr != nil {
				errs = append(errs, rerr)
			}
			if len(errs) > 0 {
				return problems(s, errors.Join(errs...))
			}
			_, err = fmt.Fprintf(s.Out, "%s: valid\n", cfg.Path)
			return err
		},
	}
	cmd.Flags().StringArrayVar(&dirs, "policy", nil, "directory of extra Rego policies whose rules the file may name (repeatable)")
	return cmd
}

// problems prints each problem of an error (joined errors, nested) on its own line,
// and exits 2.
func problems(s Streams, err error) error {
	list := flatten(err)
	line := func(e error) int {
		var ce *config.Error
		if errors.As(e, &ce) {
			return ce.Line
		}
		return 0
	}
	slices.SortStableFunc(list, func(a, b error) int { return line(a) - line(b) })
	for _, e := range list {
		fmt.Fprintln(s.Err, e)
	}
	return &exitError{code: ExitError, silent: true}
}

func flatten(err error) []error {
	// Only the outermost error is unwrapped: errors.As would find an exit error inside
	// a joined error and lose the others.
	if ee, ok := err.(*exitError); ok && ee.err != nil { //nolint:errorlint // the outermost error only, on purpose
		err = ee.err
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range joined.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func newConfigSchemaCmd(s Streams) *cobra.Command {
	cf := &configFlags{}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the configuration file, with your policies' rules",
		Long: "Print the JSON Schema of .infralint.yaml. schemas/config.json in the repository is\n" +
			"the same for the built-in rules; this one also knows the rules of the policies\n" +
			"the configuration adds, so an editor can complete and check them.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := loadConfig(cf)
			if err != nil {
				return err
			}
			reg, err := rules.Load(cfg.Policies...)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			out, err := config.Schema(reg)
			if err != nil {
				return err
			}
			_, err = s.Out.Write(out)
			return err
		},
	}
	addConfigFlags(cmd, cf)
	return cmd
}
