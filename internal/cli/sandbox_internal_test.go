package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/lint"
)

// flagValues are the values of every flag of cmd, by name.
func flagValues(cmd *cobra.Command) map[string]string {
	out := map[string]string{}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			out[f.Name] = strings.Join(sv.GetSlice(), "\x00")
			return
		}
		out[f.Name] = f.Value.String()
	})
	return out
}

// parsed returns the lint command of a new command tree after parsing args, as
// runLint sees it, with the flags the environment sets.
func parsed(t *testing.T, args []string, env map[string]string) (*cobra.Command, map[string]bool) {
	t.Helper()
	root := NewRoot(Streams{Getenv: func(k string) string { return env[k] }})
	cmd, rest, err := root.Find(args)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Fatal(err)
	}
	set, err := applyEnv(cmd, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cmd, set
}

// TestChildArgsRoundTrip: a chart child's command line sets every flag as the
// parent's was set, by its arguments or its environment, whatever the values hold.
func TestChildArgsRoundTrip(t *testing.T) {
	for name, args := range map[string][]string{
		"root": {"--enable", "a,b", "--only=c", "-j", "3", "--fail-on", "error", "--no-color",
			"--set", "x=1", "--set", "y=2,3", "--values", "v 1.yaml", "--api-versions", `a/v1,"b,c"`,
			"--format", "json", "--format", "sarif=out.sarif", "--release-name", "r"},
		"lint": {"lint", "--disable", `"quoted, comma"`, "--kube-version", "1.30.0", "--no-inline-ignores", "some/path"},
	} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{"INFRALINT_INCLUDE_SUPPRESSED": "true", "INFRALINT_POLICY": "p1,p2"}
			parent, set := parsed(t, args, env)
			child, _ := parsed(t, childArgs(parent, set), nil)
			if parent.Name() != child.Name() {
				t.Errorf("child runs %q, parent %q", child.Name(), parent.Name())
			}
			if diff := cmp.Diff(flagValues(parent), flagValues(child)); diff != "" {
				t.Errorf("flags differ (-parent +child), child args %q:\n%s", childArgs(parent, set), diff)
			}
		})
	}
}

// TestChartChildrenLintCharts: the CLI lints charts in chart children that run with
// its settings: a rule the environment turns off, a values set and a severity of the
// configuration file, a --set flag; and the report is the one a run without chart
// children gives.
func TestChartChildrenLintCharts(t *testing.T) {
	dir := testutil.WriteTree(t, map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		".infralint.yaml": "helm:\n  values-sets:\n    prod: [values.yaml, prod.yaml]\n" +
			"rules:\n  image-tag-latest:\n    severity: error\n",
		"web/Chart.yaml":  "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"web/values.yaml": "image: nginx:latest\nhostNetwork: false\n",
		"web/prod.yaml":   "hostNetwork: true\n",
		"web/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n" +
			"spec:\n  hostNetwork: {{ .Values.hostNetwork }}\n  containers:\n    - name: web\n      image: {{ .Values.image }}\n",
		"Dockerfile": "FROM alpine:latest\n",
	})
	t.Chdir(dir)
	env := map[string]string{"INFRALINT_DISABLE": "run-as-non-root", "INFRALINT_NO_CACHE": "1"}
	args := []string{"--format", "json", "--set", "name=from-set", "."}

	var procs *lint.ChartProcs
	newChartProcs = func(cmd *cobra.Command, set map[string]bool, l config.Limits) *lint.ChartProcs {
		procs = chartProcs(cmd, set, l)
		return procs
	}
	t.Cleanup(func() { newChartProcs = chartProcs })
	withChildren := runCLI(t, env, args)
	if procs == nil || procs.Linted() != 1 {
		t.Fatalf("the chart was not linted in a chart child (%v)", procs)
	}
	newChartProcs = func(*cobra.Command, map[string]bool, config.Limits) *lint.ChartProcs { return nil }
	without := runCLI(t, env, args)
	if diff := cmp.Diff(without, withChildren); diff != "" {
		t.Errorf("report differs (-without +with chart children):\n%s", diff)
	}
	for _, want := range []string{`"rule": "image-tag-latest",
      "severity": "error"`, `"context": "values set prod; Pod from-set; value hostNetwork from web/prod.yaml:1"`} {
		if !strings.Contains(withChildren, want) {
			t.Errorf("the report lacks %q:\n%s", want, withChildren)
		}
	}
	if strings.Contains(withChildren, "run-as-non-root") {
		t.Errorf("a rule the environment turned off ran:\n%s", withChildren)
	}
}

func runCLI(t *testing.T, env map[string]string, args []string) string {
	t.Helper()
	var out, errb bytes.Buffer
	root := NewRoot(Streams{In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv: func(k string) string { return env[k] }, IsTerminal: func() bool { return false }})
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	if code, _ := ExitCode(err); code != ExitFindings {
		t.Fatalf("exit %d (%v): %s", code, err, errb.String())
	}
	return out.String() + errb.String()
}
