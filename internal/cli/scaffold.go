package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
)

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func newNewCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Scaffold a rule",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return usageError("new needs a subcommand: rule")
		},
	}
	cmd.AddCommand(newNewRuleCmd(s))
	return cmd
}

// scaffoldTargets are the targets `new rule` can scaffold, with their fixture extension.
var scaffoldTargets = map[model.Kind]string{
	model.KindDockerfile: ".Dockerfile",
	model.KindCompose:    ".yaml",
	model.KindKubernetes: ".yaml",
}

func newNewRuleCmd(s Streams) *cobra.Command {
	var target, id, dir string
	cmd := &cobra.Command{
		Use:   "rule --target dockerfile --id my-rule [--dir DIR]",
		Short: "Scaffold a rule: METADATA stub, a failing bad fixture and a good fixture",
		Long: "Create DIR/<target>/<id>/ with the rule's Rego file (METADATA and a deny rule to\n" +
			"write), testdata/bad.<ext> (which fails until the rule fires on it) and\n" +
			"testdata/good.<ext>. Then write the rule until `infralint test DIR` passes.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			kind := model.Kind(target)
			ext, ok := scaffoldTargets[kind]
			if !ok {
				return usageError("--target must be dockerfile, compose or kubernetes")
			}
			if !ruleIDPattern.MatchString(id) {
				return usageError("--id %q must be kebab-case: lower-case letters and digits, single dashes (my-rule)", id)
			}
			reg, err := rules.Load()
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			if r, taken := reg.Lookup(id); taken {
				return usageError("%q already names the built-in rule %s: pick another ID", id, r.ID)
			}
			ruleDir := filepath.Join(dir, target, id)
			if _, err := os.Stat(ruleDir); err == nil {
				return usageError("%s already exists", ruleDir)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return &exitError{code: ExitError, err: err}
			}
			file := strings.ReplaceAll(id, "-", "_") + ".rego"
			files := map[string]string{
				file:                  regoStub(kind, id),
				"testdata/bad" + ext:  badStub(kind, id),
				"testdata/good" + ext: goodStub(kind),
			}
			names := make([]string, 0, len(files))
			for name := range files {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				p := filepath.Join(ruleDir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return &exitError{code: ExitError, err: err}
				}
				if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
					return &exitError{code: ExitError, err: err}
				}
			}
			_, err = fmt.Fprintf(s.Out, nextSteps, ruleDir, file, ext, ext, id,
				filepath.Join(ruleDir, "testdata", "bad"+ext), file, dir, dir, dir)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&target, "target", "dockerfile", "what the rule lints: dockerfile, compose or kubernetes")
	f.StringVar(&id, "id", "", "the rule's ID, kebab-case (required)")
	f.StringVar(&dir, "dir", "policies", "the policy directory to create it in")
	_ = cmd.MarkFlagRequired("id")
	return cmd
}

const nextSteps = `Created %s/
  %-26s METADATA (title, description, severity…) and the deny rule
  testdata/bad%-14s fails until the rule fires on each "# want:" line
  testdata/good%-13s must stay silent

Next:
  1. Make testdata/bad the smallest input that must fail, with a "# want: %s" line
     above each line the rule must report.
  2. See the input your rule gets:  infralint parse %s
  3. Write the deny rule in %s until this passes:
       infralint test %s
  4. Add the nearest case that must NOT fire to testdata/good.
  5. Lint with it:  infralint --policy %s   (or policies: [%s] in .infralint.yaml)
See docs/writing-rules.md for the whole checklist.
`

func regoStub(kind model.Kind, id string) string {
	var body string
	switch kind {
	case model.KindDockerfile:
		body = `import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

# Report what is wrong with result.fail(node, msg): node is any input element with a
# ptr (an instruction, a shell command, a stage); the engine turns it into a range.
deny contains result.fail(cmd, sprintf("%s is not allowed", [cmd.name])) if {
	some [_, cmd] in df.commands
	cmd.name == "TODO" # the condition that makes the bad fixture fail
}
`
	default:
		body = `import data.infralint.lib.result

# Report what is wrong with result.at(pointer, msg): a JSON Pointer into the input
# (infralint parse FILE prints it); the engine turns it into a range.
deny contains result.at("", "describe what is wrong") if {
	input.TODO # the condition that makes the bad fixture fail
}
`
	}
	return fmt.Sprintf(`# METADATA
# title: TODO Say what to do, imperative and short
# description: |
#   TODO One paragraph: what the rule finds.
#
#   TODO Why it matters, and how to fix it. This text is the rule's documentation
#   (infralint explain %[2]s) and the help code scanning shows.
# related_resources:
#   - ref: https://example.com/TODO-the-practice-this-rule-encodes
# custom:
#   severity: warning      # error, warning or info
#   category: reliability  # security, reliability, efficiency, maintainability or style
#   aliases: []            # the same check's ID in other linters (hadolint DL3xxx …)
package infralint.rules.%[1]s[%[2]q]

%[3]s`, kind, id, body)
}

func badStub(kind model.Kind, id string) string {
	if kind == model.KindDockerfile {
		return fmt.Sprintf(`FROM alpine:3.20
# The smallest Dockerfile the rule must report; a want line names the line below it.
# want: %s
RUN echo "replace with what the rule must find"
`, id)
	}
	return fmt.Sprintf(`# The smallest file the rule must report; a want line names the line below it.
# want: %s
replace: with what the rule must find
`, id)
}

func goodStub(kind model.Kind) string {
	if kind == model.KindDockerfile {
		return `# The nearest case the rule must not report.
FROM alpine:3.20
`
	}
	return `# The nearest case the rule must not report.
{}
`
}
