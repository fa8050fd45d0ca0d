package helm_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/helm"
)

// sampleEnv, in a render child started by this test binary, sets how often it samples
// its memory (TestSandboxChecksMemoryAfterRender).
const sampleEnv = "INFRALINT_TEST_RENDER_SAMPLE_EVERY"

// TestMain lets this test binary serve as the sandbox's render child.
func TestMain(m *testing.M) {
	if d, err := time.ParseDuration(os.Getenv(sampleEnv)); err == nil {
		helm.SetSampleEvery(d)
	}
	if code, worker := helm.ServeIfWorker(); worker {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func newSandbox(t *testing.T, maxMemory int64) *helm.Sandbox {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no path to this executable:", err)
	}
	sb := helm.NewSandbox(exe, maxMemory)
	t.Cleanup(sb.Close)
	return sb
}

// TestSandboxStopsEndlessLoop: a loop that writes nothing (so no output limit ends it)
// and never finishes is stopped at the timeout, and the sandbox renders the next chart.
func TestSandboxStopsEndlessLoop(t *testing.T) {
	sb := newSandbox(t, 0)
	spin := writeChart(t, map[string]string{
		"Chart.yaml":          chartYAML,
		"templates/spin.yaml": "{{- range until 1000000 }}{{- range until 1000000 }}{{- end }}{{- end }}\n",
	})
	start := time.Now()
	msg := loadErr(t, spin, helm.Options{Sandbox: sb, Timeout: 300 * time.Millisecond})
	if !strings.Contains(msg, "rendering did not finish within 300ms") {
		t.Errorf("error = %q", msg)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Load returned after %s, with a 300 ms timeout", d)
	}
	ok := writeChart(t, map[string]string{
		"Chart.yaml":        chartYAML,
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
	})
	docs, errs := helm.Load(ok, helm.Options{Sandbox: sb})
	if len(errs) > 0 || countKind(docs, model.KindKubernetes) != 1 {
		t.Errorf("after a stopped render: %d objects, errors %v", countKind(docs, model.KindKubernetes), errs)
	}
}

// TestSandboxBoundsMemory: a template that allocates without end is stopped at the
// memory limit, however little it writes.
func TestSandboxBoundsMemory(t *testing.T) {
	// A gigabyte string, which the template never writes out.
	checkStoppedAt128MiB(t, "{{- $s := repeat 1000000000 \"x\" }}\n")
}

// checkStoppedAt128MiB renders a chart with template in a sandbox limited to 128 MiB,
// and expects the render to be stopped for its memory.
func checkStoppedAt128MiB(t *testing.T, template string) {
	t.Helper()
	sb := newSandbox(t, 128<<20)
	dir := writeChart(t, map[string]string{"Chart.yaml": chartYAML, "templates/big.yaml": template})
	// A long timeout, so that on a loaded machine only the memory limit ends it.
	msg := loadErr(t, dir, helm.Options{Sandbox: sb, Timeout: 2 * time.Minute})
	if !strings.Contains(msg, "too much output: it used more than 128 MiB of memory") {
		t.Errorf("error = %q", msg)
	}
}

// TestSandboxChecksMemoryAfterRender: a render that allocates past the limit and drops
// it before the watchdog's next sample (here, sampling once an hour; on a loaded
// machine, a delayed sample) is still stopped: the child checks once more before it
// answers, while the memory is still held.
func TestSandboxChecksMemoryAfterRender(t *testing.T) {
	t.Setenv(sampleEnv, "1h") // the child inherits it
	checkStoppedAt128MiB(t, "{{- $s := repeat 300000000 \"x\" }}\n")
}

// TestSandboxBoundsOutput: output over the limit is refused by the child, with the
// same message as in process.
func TestSandboxBoundsOutput(t *testing.T) {
	sb := newSandbox(t, 0)
	dir := writeChart(t, map[string]string{
		"Chart.yaml":         chartYAML,
		"templates/big.yaml": "data: |\n{{- range until 200000 }}\n  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n{{- end }}\n",
	})
	got := loadErr(t, dir, helm.Options{Sandbox: sb, MaxOutput: 1 << 20})
	want := loadErr(t, dir, helm.Options{MaxOutput: 1 << 20})
	if got != want || !strings.Contains(got, "too much output") {
		t.Errorf("sandbox error = %q\nin process = %q", got, want)
	}
}

// TestSandboxSameAsInProcess: the child renders exactly what the parent would, errors
// included, for the test charts.
func TestSandboxSameAsInProcess(t *testing.T) {
	compareRenders(t, newSandbox(t, 0), map[string]helm.Options{
		shop: {ValuesSets: []helm.ValuesSet{{Name: "prod", Files: []string{"values-prod.yaml"}}}},
		filepath.Join("testdata", "shop-0.1.0.tgz"): {},
	})
}

// TestSandboxSameAsInProcessCorpus: the same for every chart of the measurement
// corpus (../shared; skipped without it, and with -short).
func TestSandboxSameAsInProcessCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	files, errs := discover.Walk([]string{testutil.Shared(t, "corpus", "charts")})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	charts := map[string]helm.Options{}
	for _, f := range files {
		if f.Kind == model.KindHelm {
			charts[f.Path] = helm.Options{}
		}
	}
	if len(charts) < 50 {
		t.Fatalf("found %d charts in the corpus", len(charts))
	}
	compareRenders(t, newSandbox(t, 0), charts)
}

// compareRenders loads each chart in process and in the sandbox and compares. Some
// charts render random text (randAlphaNum passwords, genCA): what differs between two
// renders in process is left out of the comparison.
func compareRenders(t *testing.T, sb *helm.Sandbox, charts map[string]helm.Options) {
	t.Helper()
	for dir, o := range charts {
		want := loadSummary(t, dir, o)
		again := loadSummary(t, dir, o)
		o.Sandbox = sb
		got := loadSummary(t, dir, o)
		if len(got) == len(want) && len(again) == len(want) {
			for j := range want {
				if want[j] != again[j] {
					want[j], got[j] = "(random)", "(random)"
				}
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: sandbox render differs from in-process (-in process +sandbox):\n%s", dir, diff)
		}
	}
}

// loadSummary is what Load returns, as text: every document's path, kind and input,
// and every error.
func loadSummary(t *testing.T, dir string, o helm.Options) []string {
	t.Helper()
	docs, errs := helm.Load(dir, o)
	var out []string
	for _, d := range docs {
		in, err := json.Marshal(d.Input)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d.Path+" "+string(d.Kind)+" "+string(in))
	}
	for _, e := range errs {
		out = append(out, "error: "+e.Error())
	}
	return out
}

func countKind(docs []*model.Document, k model.Kind) int {
	n := 0
	for _, d := range docs {
		if d.Kind == k {
			n++
		}
	}
	return n
}
