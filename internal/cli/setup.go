package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
)

// envFlags are the flags that INFRALINT_<NAME> environment variables set when the flag
// is not given (upper case, dashes as underscores: INFRALINT_FAIL_ON). List-valued flags
// take comma-separated values. They win over the configuration file and lose to flags.
var envFlags = []string{
	"config", "no-config", "fail-on", "format", "no-color", "jobs", "policy", "enable", "disable", "only",
	"baseline", "include-suppressed", "no-inline-ignores", "cache-dir", "no-cache",
}

// EnvName is the environment variable of a flag.
func EnvName(flag string) string {
	return "INFRALINT_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// applyEnv sets, from the environment, the flags of cmd that the command line did not
// give, and returns the names of the flags that are set either way.
func applyEnv(cmd *cobra.Command, getenv func(string) string) (map[string]bool, error) {
	set := map[string]bool{}
	var errs []error
	for _, name := range envFlags {
		f := cmd.Flags().Lookup(name)
		if f == nil {
			continue
		}
		if f.Changed {
			set[name] = true
			continue
		}
		v := strings.TrimSpace(getenv(EnvName(name)))
		if v == "" {
			continue
		}
		var err error
		if f.Value.Type() == "stringArray" {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" && err == nil {
					err = f.Value.Set(part)
				}
			}
		} else {
			err = f.Value.Set(v)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", EnvName(name), v, err))
			continue
		}
		set[name] = true
	}
	return set, errors.Join(errs...)
}

// configFlags choose the configuration file.
type configFlags struct {
	path string
	none bool
}

func addConfigFlags(cmd *cobra.Command, cf *configFlags) {
	f := cmd.Flags()
	f.StringVarP(&cf.path, "config", "c", "", "configuration file (default: .infralint.yaml in this directory or a parent, up to the repository root)")
	f.BoolVar(&cf.none, "no-config", false, "read no configuration file")
}

// loadConfig finds and reads the configuration file: --config (or INFRALINT_CONFIG), or
// the nearest .infralint.yaml; with --no-config, or when there is none, the defaults.
func loadConfig(cf *configFlags) (*config.Config, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if cf.none {
		return config.Default(cwd), nil
	}
	path := cf.path
	if path == "" {
		found, err := config.Find(cwd)
		if err != nil {
			return nil, &exitError{code: ExitError, err: fmt.Errorf("looking for a configuration file: %w", err)}
		}
		if found == "" {
			return config.Default(cwd), nil
		}
		path = relative(cwd, found)
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	return cfg, nil
}

// relative names path from dir when that is shorter to read, as findings do.
func relative(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, ".."+string(filepath.Separator)+"..") {
		return rel
	}
	return path
}

// loadRegistry loads the built-in rules with the policy directories of the flags and
// the configuration, and checks the configuration's rule names and options against it.
func loadRegistry(cfg *config.Config, flagDirs []string) (*rules.Registry, error) {
	dirs := append(append([]string{}, flagDirs...), cfg.Policies...)
	reg, err := rules.Load(dirs...)
	if err != nil {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("loading policies: %w", err)}
	}
	if err := cfg.Check(reg); err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	return reg, nil
}

// newEngine builds the engine a plan asks for.
func newEngine(reg *rules.Registry, plan *config.Plan) (*rules.Engine, error) {
	sel := rules.Selection{Only: plan.Evaluate, Options: plan.Options}
	if len(plan.Evaluate) == 0 {
		// Every rule is off: an empty Only would mean "the defaults".
		sel.Only = nil
		for _, r := range reg.Rules() {
			sel.Disable = append(sel.Disable, r.ID)
		}
	}
	eng, err := rules.New(reg, sel)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if topdownRequested() {
		eng.UseTopdown()
	}
	return eng, nil
}

// topdownRequested says whether INFRALINT_TOPDOWN asks to evaluate the built-in
// policies with OPA's topdown from their Rego source instead of the plans made at build
// time: slower, and the way to rule the planner out when a finding looks wrong. Such a
// run neither reads nor writes the result cache. It is read from the process
// environment, as GOMEMLIMIT is: a diagnosis switch, not a setting with a flag.
func topdownRequested() bool {
	v := os.Getenv("INFRALINT_TOPDOWN")
	return v != "" && v != "0" && v != "false"
}

// effective is a rule as the configuration leaves it, outside any per-path override.
func effective(plan *config.Plan, r model.Rule) model.Rule {
	r.Severity = plan.Severity(r.ID, r.Severity)
	r.Enabled = plan.On(r.ID)
	return r
}
