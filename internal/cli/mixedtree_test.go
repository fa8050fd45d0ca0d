package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/report"
)

// mixedTree holds one input of every kind with findings: Dockerfiles, a Compose
// project, manifests (a directory of them, linted together) and a chart.
var mixedTree = map[string]string{
	"svc/api/Dockerfile":    "FROM python:latest\nRUN apt-get update && apt-get install -y curl\nUSER root\n",
	"svc/worker/Dockerfile": "FROM ubuntu\nRUN pip install flask\nCMD python worker.py\n",
	"deploy/compose.yaml": "services:\n  web:\n    image: nginx\n    privileged: true\n    ports:\n      - \"80:80\"\n" +
		"  db:\n    image: postgres:latest\n    environment:\n      POSTGRES_PASSWORD: hunter2\n",
	"k8s/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 1\n" +
		"  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n" +
		"    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app:latest\n" +
		"          securityContext:\n            privileged: true\n",
	"k8s/svc.yaml":      "apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector: {app: other}\n  ports:\n    - port: 80\n",
	"chart/Chart.yaml":  "apiVersion: v2\nname: shop\nversion: 0.1.0\n",
	"chart/values.yaml": "image:\n  repository: nginx\n  tag: latest\nreplicas: 1\n",
	"chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-shop\nspec:\n" +
		"  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n" +
		"      labels: {app: shop}\n    spec:\n      containers:\n        - name: shop\n" +
		"          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n",
}

// brokenTree adds a file of every kind that cannot be parsed, each with the place and
// the words its error must give.
var brokenTree = map[string]struct {
	text       string
	file, want string // the file the error names, and what it says
	line       int
}{
	"svc/broken/Dockerfile":    {"FROM alpine:3.20\nRUN <<EOF\necho never closed\n", "svc/broken/Dockerfile", "unterminated heredoc", 2},
	"bad-compose/compose.yaml": {"services:\n  web:\n    image: nginx\n    ports: [\"80:80\"\n", "bad-compose/compose.yaml", "did not find expected", 4},
	"k8s-bad/pod.yaml":         {"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: [\n", "k8s-bad/pod.yaml", "invalid YAML", 4},
	"bad-chart/Chart.yaml":     {"apiVersion: v2\nname: bad\nversion: 0.1.0\n", "", "", 0},
	"bad-chart/templates/cm.yaml": {"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"name is required\" .Values.name }}\n",
		"bad-chart/templates/cm.yaml", "name is required", 4},
}

// writeMixed writes the mixed tree (with the broken files when broken is set) into a
// new working directory.
func writeMixed(t *testing.T, broken bool) {
	t.Helper()
	tree := map[string]string{}
	for p, s := range mixedTree {
		tree[p] = s
	}
	if broken {
		for p, b := range brokenTree {
			tree[p] = b.text
		}
	}
	files(t, tree)
}

// lintAll runs infralint on the working directory with every format written to a
// file, and returns each format's output.
func lintAll(t *testing.T, extra ...string) map[string][]byte {
	t.Helper()
	got, _ := lintFormats(t, append(append([]string{"--fail-on", "none"}, extra...), ".")...)
	return got
}

// lintFormats runs infralint with the given arguments and every format written to a
// file, and returns each format's output and the run.
func lintFormats(t *testing.T, extra ...string) (map[string][]byte, result) {
	t.Helper()
	out := t.TempDir()
	var args []string
	for _, f := range report.Formats() {
		args = append(args, "--format", f+"="+filepath.Join(out, f))
	}
	res := run(t, env{}, append(args, extra...)...)
	if res.code != 0 && res.code != 2 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	got := map[string][]byte{}
	for _, f := range report.Formats() {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		got[f] = data
	}
	return got, res
}

type mixedReport struct {
	Findings []struct {
		Rule  string `json:"rule"`
		File  string `json:"file"`
		Range struct {
			Start struct{ Line, Column int } `json:"start"`
		} `json:"range"`
		Message string `json:"message"`
	} `json:"findings"`
	Errors []struct {
		File  string `json:"file"`
		Range *struct {
			Start struct{ Line, Column int } `json:"start"`
		} `json:"range"`
		Message string `json:"message"`
	} `json:"errors"`
}

// TestErrorsKeepResults: when files of every kind cannot be parsed, every format still
// holds all the findings of the other files, exactly those of a run without the broken
// files, and each error says which file, where and why.
func TestErrorsKeepResults(t *testing.T) {
	writeMixed(t, false)
	clean := lintAll(t)
	writeMixed(t, true)
	mixed := lintAll(t)

	var want, got mixedReport
	if err := json.Unmarshal(clean["json"], &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(mixed["json"], &got); err != nil {
		t.Fatal(err)
	}
	if len(want.Errors) != 0 {
		t.Fatalf("the tree without broken files has errors: %+v", want.Errors)
	}
	files := map[string]bool{}
	for _, f := range want.Findings {
		files[f.File] = true
	}
	for _, dir := range []string{"svc/api", "svc/worker", "deploy", "k8s", "chart"} {
		if !slices.ContainsFunc(keys(files), func(f string) bool { return strings.HasPrefix(filepath.ToSlash(f), dir+"/") }) {
			t.Errorf("no finding under %s: the tree no longer tests that kind (findings in %v)", dir, keys(files))
		}
	}
	// A broken input may have findings of its own (a chart that does not render still
	// has its Chart.yaml checked); the other files' findings are exactly as before.
	others := got.Findings[:0:0]
	for _, f := range got.Findings {
		if !strings.HasPrefix(filepath.ToSlash(f.File), "bad-chart/") {
			others = append(others, f)
		}
	}
	if diff := cmp.Diff(want.Findings, others); diff != "" {
		t.Errorf("findings changed when broken files were added (-without +with):\n%s", diff)
	}

	// One error per broken file, with its place and its reason.
	for _, b := range brokenTree {
		if b.file == "" {
			continue
		}
		i := slices.IndexFunc(got.Errors, func(e struct {
			File  string `json:"file"`
			Range *struct {
				Start struct{ Line, Column int } `json:"start"`
			} `json:"range"`
			Message string `json:"message"`
		}) bool {
			return filepath.ToSlash(e.File) == b.file
		})
		if i < 0 {
			t.Errorf("no error for %s in %+v", b.file, got.Errors)
			continue
		}
		e := got.Errors[i]
		if !strings.Contains(e.Message, b.want) || e.Range == nil || e.Range.Start.Line != b.line {
			t.Errorf("error for %s = %q at %+v, want %q at line %d", b.file, e.Message, e.Range, b.want, b.line)
		}
	}
	if len(got.Errors) != 4 {
		t.Errorf("%d errors, want 4: %+v", len(got.Errors), got.Errors)
	}

	// Every other format: every finding's file and rule, and every error's file and
	// reason, are in the output.
	for _, format := range report.Formats() {
		if format == "json" {
			continue
		}
		out := string(mixed[format])
		for _, f := range want.Findings {
			if !strings.Contains(out, filepath.ToSlash(f.File)) && !strings.Contains(out, f.File) {
				t.Errorf("%s: no mention of %s", format, f.File)
			}
			if !strings.Contains(out, f.Rule) {
				t.Errorf("%s: no mention of rule %s", format, f.Rule)
			}
		}
		for _, b := range brokenTree {
			if b.file == "" {
				continue
			}
			if !strings.Contains(out, b.file) && !strings.Contains(out, filepath.FromSlash(b.file)) {
				t.Errorf("%s: the error of %s is not reported", format, b.file)
			}
			if !strings.Contains(out, b.want) {
				t.Errorf("%s: the error of %s does not say %q", format, b.file, b.want)
			}
		}
	}
	// SARIF: every error is a notification that names its file and line.
	var sarif struct {
		Runs []struct {
			Invocations []struct {
				Notifications []struct {
					Message   struct{ Text string } `json:"message"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
							Region           struct{ StartLine int } `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(mixed["sarif"], &sarif); err != nil {
		t.Fatal(err)
	}
	located := map[string]int{}
	for _, n := range sarif.Runs[0].Invocations[0].Notifications {
		for _, l := range n.Locations {
			located[l.PhysicalLocation.ArtifactLocation.URI] = l.PhysicalLocation.Region.StartLine
		}
	}
	for _, b := range brokenTree {
		if b.file != "" && located[b.file] != b.line {
			t.Errorf("sarif: the error of %s is at line %d, want %d (notifications at %v)", b.file, located[b.file], b.line, located)
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
