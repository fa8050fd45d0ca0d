package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// childEnv, in a process this test binary starts, makes it a chart child ("serve") or
// a child that dies at once ("crash").
const childEnv = "INFRALINT_TEST_CHART_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "serve":
		reg, err := rules.Load()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		eng, err := rules.New(reg, rules.Selection{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(ServeCharts(context.Background(), eng, chartTestOptions(), os.Stdin, os.Stdout, 0))
	case "crash":
		fmt.Fprintln(os.Stderr, "crashed on purpose")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// chartTestOptions are the settings of the runs here, parent's and child's alike: two
// values sets, so that findings under both are merged, and a short render timeout.
func chartTestOptions() Options {
	return Options{
		Jobs:        2,
		Helm:        config.Helm{ValuesSets: map[string][]string{"default": {"values.yaml"}, "prod": {"values.yaml", "prod.yaml"}}},
		HelmTimeout: 500 * time.Millisecond,
	}
}

// chartProcsOf returns chart children of this test binary, in the given mode.
func chartProcsOf(t *testing.T, mode string) *ChartProcs {
	procs, _ := startedChartProcs(t, mode)
	return procs
}

// startedChartProcs is chartProcsOf, with the commands of the children it started.
func startedChartProcs(t *testing.T, mode string) (*ChartProcs, func() []*exec.Cmd) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no path to this executable:", err)
	}
	var mu sync.Mutex
	var started []*exec.Cmd
	procs := NewChartProcs(func() *exec.Cmd {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), childEnv+"="+mode)
		mu.Lock()
		started = append(started, cmd)
		mu.Unlock()
		return cmd
	})
	t.Cleanup(procs.Close)
	return procs, func() []*exec.Cmd {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(started)
	}
}

// writeChartTree writes a chart with findings under both values sets, one suppressed
// by a comment, one only under prod, and a second chart whose template fails.
func writeChartTree(t *testing.T) string {
	t.Helper()
	return writeTree(t, map[string]string{
		"web/Chart.yaml":  "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"web/values.yaml": "image: nginx:latest\nreplicas: 1\n",
		"web/prod.yaml":   "replicas: 3\nprivileged: true\n",
		"web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\n" +
			"spec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels: {app: web}\n" +
			"  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n" +
			"        - name: web\n          image: {{ .Values.image }}\n" +
			"          # infralint ignore=image-tag-latest -- a test of suppressions\n" +
			"        - name: sidecar\n          image: busybox:latest\n" +
			"          securityContext:\n            privileged: {{ .Values.privileged | default false }}\n",
		"broken/Chart.yaml":  "apiVersion: v2\nname: broken\nversion: 0.1.0\n",
		"broken/values.yaml": "b: 1\n",
		"broken/prod.yaml":   "b: 2\n",
		"broken/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" +
			"data:\n  a: {{ required \"a is required\" .Values.a }}\n",
	})
}

// reports is a run's result as the JSON and text reporters write it: what a user sees,
// excerpts included.
func reports(t *testing.T, res *report.Result) string {
	t.Helper()
	var b bytes.Buffer
	for _, format := range []string{"json", "text"} {
		r, err := report.New(format, &b, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Report(res); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func lintTree(t *testing.T, dir string, procs *ChartProcs) (*report.Result, string) {
	t.Helper()
	t.Chdir(dir)
	eng := engine(t) // every default rule, as the children run
	opts := chartTestOptions()
	opts.ChartProcs = procs
	res := Paths(context.Background(), eng, []string{"."}, opts)
	return res, reports(t, res)
}

// TestChartChildren: a chart linted in a chart child gives the report it gives when
// linted in this process (findings merged across values sets, suppressed findings, a
// template's error at its line, excerpts); and when the child fails, the run lints the
// chart itself, with the same report.
func TestChartChildren(t *testing.T) {
	dir := writeChartTree(t)
	here, want := lintTree(t, dir, nil)
	// The tree is worth comparing: it has what the children must carry back.
	var prodOnly, broken bool
	for _, f := range here.Findings {
		prodOnly = prodOnly || strings.Contains(f.Message, "privileged")
	}
	for _, e := range here.Errors {
		broken = broken || (strings.Contains(e.Message, "a is required") && e.Range != nil)
	}
	if !prodOnly || !broken || len(here.Suppressed) == 0 {
		t.Errorf("the chart tree lost a case: prod-only finding %v, template error %v, suppressed %d",
			prodOnly, broken, len(here.Suppressed))
	}
	for mode, linted := range map[string]int64{"serve": 2, "crash": 0} {
		t.Run(mode, func(t *testing.T) {
			procs, started := startedChartProcs(t, mode)
			_, got := lintTree(t, dir, procs)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("report differs (-here +with children):\n%s", diff)
			}
			if n := procs.Linted(); n != linted {
				t.Errorf("the children linted %d charts, want %d", n, linted)
			}
			// Once the run has linted its last chart, its children end: idle, they
			// would hold their memory while the run lints the rest.
			for _, cmd := range started() {
				if cmd.ProcessState == nil {
					t.Errorf("chart child %d still runs after the run's last chart", cmd.Process.Pid)
				}
			}
		})
	}
}

// TestChartChildEndlessTemplate: a render that never ends is an error of its values
// set, as the sandbox reports it, and the other set's findings are kept; the child
// answers, then ends (the render still runs in it), and the next chart gets another.
func TestChartChildEndlessTemplate(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"spin/Chart.yaml":  "apiVersion: v2\nname: spin\nversion: 0.1.0\n",
		"spin/values.yaml": "spin: false\n",
		"spin/prod.yaml":   "spin: true\n",
		"spin/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n" +
			"    - name: x\n      image: busybox:latest\n" +
			"{{- if .Values.spin }}{{- range until 1000000 }}{{- range until 1000000 }}{{- end }}{{- end }}{{- end }}\n",
	})
	procs := chartProcsOf(t, "serve")
	for run := 1; run <= 2; run++ {
		res, _ := lintTree(t, dir, procs)
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "values set prod: rendering did not finish within 500ms") {
			t.Errorf("run %d: errors %v, want the prod set's timeout", run, res.Errors)
		}
		if !hasRule(res.Findings, "image-tag-latest") {
			t.Errorf("run %d: the default set's findings are lost: %v", run, res.Findings)
		}
		if n := procs.Linted(); n != int64(run) {
			t.Errorf("run %d: the children linted %d charts, want %d", run, n, run)
		}
	}
}

func hasRule(fs []model.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

// TestChartProcsOnlyCharts: only charts go to chart children, and only when the run
// has them.
func TestChartProcsOnlyCharts(t *testing.T) {
	f := discover.File{Path: "charts/web", Kind: model.KindHelm}
	if _, _, ok := (*ChartProcs)(nil).lint(context.Background(), f, Options{}); ok {
		t.Error("a run without chart children linted a chart in one")
	}
	procs := chartProcsOf(t, "serve")
	if _, _, ok := procs.lint(context.Background(), discover.File{Path: "Dockerfile", Kind: model.KindDockerfile}, Options{}); ok {
		t.Error("a Dockerfile was sent to a chart child")
	}
}
