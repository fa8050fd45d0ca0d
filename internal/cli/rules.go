package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/ruledoc"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/policies"
)

func newRulesCmd(s Streams) *cobra.Command {
	var format string
	var dirs []string
	cf := &configFlags{}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: ID, severity, category, whether it is on, title",
		Long: "List every rule, built-in and from your policies (--policy, or policies: in the\n" +
			"configuration file), with its severity and whether it is on as the configuration\n" +
			"file leaves them (--no-config for the defaults).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := applyEnv(cmd, s.Getenv); err != nil {
				return usageError("%v", err)
			}
			cfg, err := loadConfig(cf)
			if err != nil {
				return err
			}
			reg, err := loadRegistry(cfg, dirs)
			if err != nil {
				return err
			}
			cwd, err := os.Getwd()
			if err != nil {
				return err
			}
			plan, err := cfg.Plan(reg, config.Flags{}, cwd)
			if err != nil {
				return usageError("%v", err)
			}
			list := reg.Rules()
			for i, r := range list {
				list[i] = effective(plan, r)
			}
			switch format {
			case "json":
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(list)
			case "text", "":
				tw := tabwriter.NewWriter(s.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tTARGET\tSEVERITY\tCATEGORY\tON\tTITLE")
				for _, r := range list {
					on := "yes"
					if !r.Enabled {
						on = "no"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Target, r.Severity, r.Category, on, r.Title)
				}
				return tw.Flush()
			default:
				return usageError("--format must be text or json")
			}
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	cmd.Flags().StringArrayVar(&dirs, "policy", nil, "directory of extra Rego policies (repeatable)")
	addConfigFlags(cmd, cf)
	return cmd
}

func newExplainCmd(s Streams) *cobra.Command {
	var dirs []string
	cf := &configFlags{}
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Show a rule's documentation: why it matters, how to fix it, examples (IDs and aliases work)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := applyEnv(cmd, s.Getenv); err != nil {
				return usageError("%v", err)
			}
			cfg, err := loadConfig(cf)
			if err != nil {
				return err
			}
			reg, err := rules.Load(append(append([]string{}, dirs...), cfg.Policies...)...)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			r, ok := reg.Lookup(args[0])
			if !ok {
				if sug := reg.Suggest(args[0]); sug != "" {
					return usageError("unknown rule %q (did you mean %s?)", args[0], sug)
				}
				return usageError("unknown rule %q; `infralint rules` lists them", args[0])
			}
			var fsys fs.FS = policies.FS
			if r.Source != "builtin" {
				fsys = os.DirFS(r.Source)
			}
			bad, good := ruledoc.Examples(fsys, r)
			_, err = fmt.Fprint(s.Out, ruledoc.Page(r, bad, good))
			return err
		},
	}
	cmd.Flags().StringArrayVar(&dirs, "policy", nil, "directory of extra Rego policies (repeatable)")
	addConfigFlags(cmd, cf)
	return cmd
}

func newParseCmd(s Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "parse FILE",
		Short: "Print the policy input of a file as JSON: what your own Rego policies see",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			path := args[0]
			src, err := os.ReadFile(path)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			kind := discover.Classify(path)
			if kind == "" {
				kind = model.KindDockerfile
			}
			docs, errs := lint.Parse(kind, path, src)
			for _, e := range errs {
				fmt.Fprintln(s.Err, e.Error())
			}
			if len(docs) == 0 {
				return &exitError{code: ExitError, silent: true}
			}
			enc := json.NewEncoder(s.Out)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			// One document prints as itself; several (a multi-document manifest) as a list.
			out := docs[0].Input
			if len(docs) > 1 {
				inputs := make([]any, len(docs))
				for i, d := range docs {
					inputs[i] = d.Input
				}
				out = inputs
			}
			if err := enc.Encode(out); err != nil {
				return err
			}
			if len(errs) > 0 {
				return &exitError{code: ExitError, silent: true, err: fmt.Errorf("%s", strings.TrimSpace(errs[0].Message))}
			}
			return nil
		},
	}
}
