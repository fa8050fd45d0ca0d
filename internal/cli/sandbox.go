package cli

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/rules"
)

// helmSandbox renders the run's Helm charts in child processes of this executable, so
// that a template that loops or allocates without end is stopped (helm.Sandbox) and
// the rest of the run goes on. No child starts until a chart is rendered. Where the
// executable cannot be found, charts render in this process, bounded in time only.
func helmSandbox(l config.Limits) *helm.Sandbox {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	return helm.NewSandbox(exe, int64(l.HelmRenderMemory))
}

// chartChildSoftLimit is a chart child's soft memory limit (serveCharts).
const chartChildSoftLimit = 48 << 20

// chartChildEnv marks a process started to lint charts for a run (lint.ChartProcs);
// its value is the child's memory limit in bytes.
const chartChildEnv = "INFRALINT_CHART_CHILD"

// newChartProcs is chartProcs; tests wrap it to see what the children did.
var newChartProcs = chartProcs

// chartProcs lints the run's charts in child processes of this executable, started
// with this run's command line (its flags, and the settings the environment gave),
// so that their rules, configuration and limits are this run's. nil where the
// executable cannot be found: charts are then linted here, rendered in the sandbox.
func chartProcs(cmd *cobra.Command, set map[string]bool, l config.Limits) *lint.ChartProcs {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	mem := int64(l.HelmRenderMemory)
	if mem <= 0 {
		mem = helm.DefaultMaxMemory
	}
	// Written down when the first child starts: most runs lint no chart.
	setup := sync.OnceValues(func() ([]string, []string) { return childArgs(cmd, set), childEnv(mem) })
	return lint.NewChartProcs(func() *exec.Cmd {
		args, env := setup()
		c := exec.Command(exe, args...)
		c.Env = env
		return c
	})
}

// childEnv is a chart child's environment: this process's, with chartChildEnv set to
// the memory limit. The settings the environment can give are in the arguments
// (childArgs): the child must not take others from this process's environment, which
// Streams may not be. The rest of it (INFRALINT_TOPDOWN, GOGC) is the child's too.
func childEnv(mem int64) []string {
	given := map[string]bool{chartChildEnv: true}
	for _, f := range envFlags {
		given[EnvName(f)] = true
	}
	env := []string{chartChildEnv + "=" + strconv.FormatInt(mem, 10)}
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); !given[name] {
			env = append(env, kv)
		}
	}
	return env
}

// childArgs is the command line that sets a child up as cmd is: its subcommand, and
// every flag that was given or set from the environment (set), one value per flag.
func childArgs(cmd *cobra.Command, set map[string]bool) []string {
	var args []string
	if cmd.HasParent() {
		args = append(args, cmd.Name())
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Changed && !set[f.Name] {
			return
		}
		sv, ok := f.Value.(pflag.SliceValue)
		if !ok {
			args = append(args, "--"+f.Name+"="+f.Value.String())
			return
		}
		for _, v := range sv.GetSlice() {
			if f.Value.Type() == "stringSlice" {
				v = csvField(v) // such a flag splits its values as CSV
			}
			args = append(args, "--"+f.Name+"="+v)
		}
	})
	return args
}

// csvField is v as one CSV field: quoted when it holds a comma, a quote or a newline.
func csvField(v string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write([]string{v})
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// serveCharts makes this process a chart child of a run when it was started as one
// (chartChildEnv): ok false otherwise.
func serveCharts(ctx context.Context, s Streams, eng *rules.Engine, opts lint.Options) (ok bool, err error) {
	v := s.Getenv(chartChildEnv)
	if v == "" {
		return false, nil
	}
	mem, err := strconv.ParseInt(v, 10, 64)
	if err != nil || mem <= 0 {
		return true, usageError("%s=%q: want a memory limit in bytes", chartChildEnv, v)
	}
	// A chart child keeps nothing from one chart to the next, and most charts need a
	// few MiB: a soft limit well under the hard one (mem) keeps each child's heap near
	// what its largest chart needs, where GOGC alone let it reach three times that.
	// Measured on the whole corpus with two children: the run's summed memory (PSS)
	// from 222-250 MB to 194-209 MB, with no CPU cost above the noise on the charts.
	// A limit the user gives (GOMEMLIMIT) is theirs.
	if _, given := os.LookupEnv("GOMEMLIMIT"); !given {
		debug.SetMemoryLimit(chartChildSoftLimit)
	}
	if code := lint.ServeCharts(ctx, eng, opts, s.In, s.Out, mem); code != 0 {
		return true, &exitError{code: code, silent: true}
	}
	return true, nil
}

// applyLimits sets the configuration's limits on a run (zero keeps each default).
func applyLimits(opts *lint.Options, l config.Limits) {
	opts.MaxFileSize = int64(l.MaxFileSize)
	opts.MaxLineLength = int(l.MaxLineLength)
	opts.HelmTimeout = l.HelmRenderTimeout.Std()
	opts.HelmMaxOutput = int(l.HelmRenderOutput)
}
