package cli_test

import (
	"encoding/json"
	"github.com/infralint/infralint/internal/testutil"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// helmOnly keeps the Helm tests to four stable rules: one that only the dev values set
// triggers, one only prod triggers, one that the defaults and dev share, and one that
// every set shares.
const helmOnly = "--only=image-tag-latest,service-loadbalancer,replicas-too-few,liveness-probe-missing"

// helmReport is the part of the JSON report these tests read.
type helmReport struct {
	Findings []helmFinding `json:"findings"`
	Errors   []struct {
		File    string `json:"file"`
		Message string `json:"message"`
	} `json:"errors"`
}

type helmFinding struct {
	Rule    string         `json:"rule"`
	Message string         `json:"message"`
	File    string         `json:"file"`
	Context string         `json:"context"`
	Range   helmRange      `json:"range"`
	Related []helmLocation `json:"related"`
}

type helmLocation struct {
	File    string    `json:"file"`
	Message string    `json:"message"`
	Range   helmRange `json:"range"`
}

type helmRange struct {
	Start struct {
		Line int `json:"line"`
	} `json:"start"`
}

func decodeReport(t *testing.T, out string) helmReport {
	t.Helper()
	var rep helmReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("the JSON report does not decode: %v\n%s", err, out)
	}
	return rep
}

// lineOf is the 1-based line of the first line of file that contains text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, text)
	return 0
}

// TestHelmValuesSetsGolden lints testdata/e2e/helm-values-sets: a chart rendered with its
// defaults and with the dev and prod values sets of the configuration file. Its text,
// JSON and SARIF reports are golden files (`go test ./internal/cli -run
// TestHelmValuesSetsGolden -update` rewrites them); the JSON report is also checked for
// what the goldens are there to show, so an -update cannot bless a regression silently.
func TestHelmValuesSetsGolden(t *testing.T) {
	const scenario = "helm-values-sets"
	for _, f := range []struct{ format, file string }{
		{"text", "want.txt"},
		{"json", "want.json"},
		{"sarif", "want.sarif"},
	} {
		t.Run(f.format, func(t *testing.T) {
			wantPath, err := filepath.Abs(filepath.Join("testdata", "e2e", scenario, f.file))
			if err != nil {
				t.Fatal(err)
			}
			copyInputs(t, scenario)
			res := run(t, env{}, helmOnly, "--format", f.format)
			if res.code != 1 {
				t.Errorf("exit code %d, want 1 (warnings); stderr:\n%s", res.code, res.stderr)
			}
			if res.stderr != "" {
				t.Errorf("stderr: %s", res.stderr)
			}
			golden(t, wantPath, res.stdout)
			switch f.format {
			case "json":
				checkValuesSets(t, decodeReport(t, res.stdout))
			case "sarif":
				// Skipped, after the golden comparison, without ../shared.
				sch := testutil.Schema(t, testutil.Shared(t, "schemas", "sarif-2.1.0.json"))
				testutil.ValidateJSON(t, sch, []byte(res.stdout))
			}
		})
	}
}

// checkValuesSets checks the findings of the helm-values-sets chart (the working
// directory is a copy of its inputs).
func checkValuesSets(t *testing.T, rep helmReport) {
	t.Helper()
	if len(rep.Errors) > 0 {
		t.Errorf("errors: %+v", rep.Errors)
	}
	byRule := map[string]int{}
	for _, f := range rep.Findings {
		byRule[f.Rule]++
		if byRule[f.Rule] > 1 {
			t.Errorf("%s is reported %d times: a finding several sets share is reported once", f.Rule, byRule[f.Rule])
		}
	}
	find := func(rule string) int {
		i := slices.IndexFunc(rep.Findings, func(f helmFinding) bool {
			return f.Rule == rule
		})
		if i < 0 {
			t.Fatalf("no %s finding in %+v", rule, rep.Findings)
		}
		return i
	}
	deployment := filepath.Join("shop", "templates", "deployment.yaml")
	service := filepath.Join("shop", "templates", "service.yaml")
	for _, c := range []struct {
		rule, sets, file, line   string
		relatedFile, relatedLine string // "" when the value is not traced
	}{
		// Only dev pins no version: the template's image line, and dev's tag.
		{"image-tag-latest", "values set dev", deployment, "image:", filepath.Join("shop", "values-dev.yaml"), "tag: latest"},
		// Only prod asks for a load balancer.
		{"service-loadbalancer", "values set prod", service, "type:", filepath.Join("shop", "values-prod.yaml"), "type: LoadBalancer"},
		// The defaults and dev keep one replica: values.yaml supplies it to both.
		{"replicas-too-few", "values sets default, dev", deployment, "replicas:", filepath.Join("shop", "values.yaml"), "replicaCount: 1"},
		// No set adds a liveness probe: one finding for the three.
		{"liveness-probe-missing", "values sets default, dev, prod", deployment, "- name: web", "", ""},
	} {
		f := rep.Findings[find(c.rule)]
		if !strings.HasPrefix(f.Context, c.sets) {
			t.Errorf("%s: context %q, want it to start %q", c.rule, f.Context, c.sets)
		}
		if f.File != filepath.ToSlash(c.file) {
			t.Errorf("%s: file %s, want the template %s", c.rule, f.File, c.file)
		}
		if want := lineOf(t, c.file, c.line); f.Range.Start.Line != want {
			t.Errorf("%s: line %d, want %d, the template's %q line", c.rule, f.Range.Start.Line, want, c.line)
		}
		if c.relatedFile == "" {
			continue
		}
		// The line may use several values (image: repository and tag): the one that
		// supplied the offending part is among them.
		want := lineOf(t, c.relatedFile, c.relatedLine)
		if !slices.ContainsFunc(f.Related, func(r helmLocation) bool {
			return r.File == filepath.ToSlash(c.relatedFile) && r.Range.Start.Line == want
		}) {
			t.Errorf("%s: related locations %+v, want %s:%d (%q)", c.rule, f.Related, c.relatedFile, want, c.relatedLine)
		}
	}
}

// TestHelmValuesFlag: --values files form the values set "cli", which replaces the
// configured sets, and are named from the working directory; --set applies to every
// render and wins over the values files.
func TestHelmValuesFlag(t *testing.T) {
	copyInputs(t, "helm-values-sets")
	prod := filepath.Join("shop", "values-prod.yaml")

	res := run(t, env{}, helmOnly, "--format", "json", "--values", prod)
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", res.code, res.stderr)
	}
	rep := decodeReport(t, res.stdout)
	var sawLB bool
	for _, f := range rep.Findings {
		if sets, _, _ := strings.Cut(f.Context, ";"); strings.Contains(sets, "dev") || strings.Contains(sets, "prod") {
			t.Errorf("%s: context %q names a configured set, which --values replaces", f.Rule, f.Context)
		}
		if f.Rule == "image-tag-latest" {
			t.Errorf("image-tag-latest fired: only the configured dev set uses latest")
		}
		if f.Rule == "service-loadbalancer" {
			sawLB = true
			if !strings.HasPrefix(f.Context, "values set cli") {
				t.Errorf("service-loadbalancer: context %q, want it to start \"values set cli\"", f.Context)
			}
			// Named as given on the command line, not from /.
			if len(f.Related) != 1 || f.Related[0].File != filepath.ToSlash(prod) ||
				f.Related[0].Range.Start.Line != lineOf(t, prod, "type: LoadBalancer") {
				t.Errorf("service-loadbalancer: related %+v, want %s at its type line", f.Related, prod)
			}
		}
	}
	if !sawLB {
		t.Errorf("no service-loadbalancer finding from --values %s: %s", prod, res.stdout)
	}

	// A values file outside the chart, several files (later wins), and --set over them.
	if err := os.WriteFile("tag.yaml", []byte("image:\n  tag: latest\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res = run(t, env{}, helmOnly, "--format", "json", "--values", prod, "--values", "tag.yaml")
	rep = decodeReport(t, res.stdout)
	i := slices.IndexFunc(rep.Findings, func(f helmFinding) bool {
		return f.Rule == "image-tag-latest"
	})
	if i < 0 {
		t.Fatalf("no image-tag-latest finding with --values tag.yaml: %s", res.stdout)
	}
	if rel := rep.Findings[i].Related; !slices.ContainsFunc(rel, func(r helmLocation) bool {
		return r.File == "tag.yaml" && r.Range.Start.Line == 2
	}) {
		t.Errorf("image-tag-latest: related %+v, want tag.yaml:2", rel)
	}
	res = run(t, env{}, helmOnly, "--format", "json", "--values", "tag.yaml", "--set", "image.tag=1.5.0", "--set", "replicaCount=2")
	for _, f := range decodeReport(t, res.stdout).Findings {
		if f.Rule == "image-tag-latest" || f.Rule == "replicas-too-few" {
			t.Errorf("%s fired (%s): --set applies to every render, after the values files", f.Rule, f.Context)
		}
	}
}

// TestHelmFlagErrors: a bad Helm flag stops the run with exit 2 and a message that
// names the flag and the file (and line) before any chart is rendered.
func TestHelmFlagErrors(t *testing.T) {
	copyInputs(t, "helm-values-sets")
	if err := os.WriteFile("broken.yaml", []byte("image:\n  repository: shop\n  tag: v: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("list.yaml", []byte("- a\n- b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"missing values file", []string{"--values", "values-qa.yaml"}, "--values values-qa.yaml: no such file"},
		{"values directory", []string{"--values", "shop"}, "--values shop: is a directory"},
		{"values not YAML", []string{"--values", "broken.yaml"}, "--values broken.yaml:3: not valid YAML"},
		{"values not a map", []string{"--values", "list.yaml"}, "--values list.yaml: not a map of values"},
		{"set without value", []string{"--set", "image.tag"}, "--set image.tag:"},
		{"set bad index", []string{"--set", "a[x]=1"}, "--set a[x]=1:"},
		{"kube version", []string{"--kube-version", "one.two"}, "--kube-version \"one.two\""},
		{"release name", []string{"--release-name", "Not_A_Name"}, "--release-name \"Not_A_Name\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := run(t, env{}, append([]string{helmOnly, "--format", "json"}, c.args...)...)
			if res.code != 2 {
				t.Errorf("exit code %d, want 2", res.code)
			}
			if !strings.Contains(res.stderr, c.want) {
				t.Errorf("stderr %q, want it to contain %q", res.stderr, c.want)
			}
			if res.stdout != "" {
				t.Errorf("a usage error printed a report: %s", res.stdout)
			}
		})
	}
}

// TestHelmFlagsOverrideConfig: --release-name and --kube-version replace the
// configuration's settings; templates see them.
func TestHelmFlagsOverrideConfig(t *testing.T) {
	copyInputs(t, "helm-values-sets")
	cfg := "helm:\n  kube-version: 1.20.0\n  release-name: from-config\n"
	if err := os.WriteFile(".infralint.yaml", []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join("shop", "Chart.yaml")
	data, err := os.ReadFile(chart)
	if err != nil {
		t.Fatal(err)
	}
	// A chart that needs a newer Kubernetes than the configuration's fails to render.
	if err := os.WriteFile(chart, append(data, []byte("kubeVersion: \">=1.28.0-0\"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	res := run(t, env{}, helmOnly, "--format", "json")
	if res.code != 2 || !strings.Contains(res.stdout, "kubeVersion") {
		t.Fatalf("with the configured kube-version 1.20.0: exit %d, want 2 and a kubeVersion error: %s", res.code, res.stdout)
	}
	res = run(t, env{}, helmOnly, "--format", "json", "--kube-version", "1.30.0", "--release-name", "from-flag")
	rep := decodeReport(t, res.stdout)
	if res.code != 1 || len(rep.Errors) != 0 {
		t.Fatalf("--kube-version 1.30.0: exit %d, want 1 and no errors: %s%s", res.code, res.stdout, res.stderr)
	}
	// The Deployment is named {{ .Release.Name }}-shop.
	i := slices.IndexFunc(rep.Findings, func(f helmFinding) bool { return f.Rule == "replicas-too-few" })
	if i < 0 || !strings.Contains(rep.Findings[i].Message, "from-flag-shop") {
		t.Errorf("--release-name from-flag: want a replicas-too-few finding about from-flag-shop in %+v", rep.Findings)
	}
}
