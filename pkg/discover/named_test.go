package discover_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
)

// namedRepo writes files (path → content) under a new directory marked as a
// repository root, and makes it the working directory.
func namedRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := testutil.WriteTree(t, files)
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

const (
	deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
	template   = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
	chartYAML  = "apiVersion: v2\nname: web\nversion: 0.1.0\n"
	composeApp = "services:\n  web:\n    image: nginx:1.27\n"
)

var namedTree = map[string]string{
	"Dockerfile":                             "FROM alpine:3.20\n",
	"charts/web/Chart.yaml":                  chartYAML,
	"charts/web/values.yaml":                 "replicas: 1\n",
	"charts/web/templates/deploy.yaml":       template,
	"charts/web/templates/_helpers.tpl":      "{{- define \"x\" -}}{{- end -}}\n",
	"charts/web/charts/db/Chart.yaml":        chartYAML,
	"charts/web/charts/db/templates/db.yaml": template,
	"charts/web/Dockerfile":                  "FROM alpine:3.20\n",
	"k8s/deploy.yaml":                        deployment,
	"k8s/svc.yaml":                           "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
	"k8s/kustomization.yaml":                 "resources: [deploy.yaml]\n",
	".github/workflows/ci.yml":               "on: push\njobs: {}\n",
	"package.json":                           `{"name": "x"}`,
	"stack.yml":                              composeApp,
	"README.md":                              "# hi\n",
	"Dockerfile.md":                          "# not a Dockerfile\n",
	"Dockerfile.dockerignore":                "node_modules\n",
}

func kinds(files []discover.File) map[string]model.Kind {
	out := map[string]model.Kind{}
	for _, f := range files {
		out[f.Path] = f.Kind
	}
	return out
}

// TestNamedChartFiles: a file of a chart named on the command line (as pre-commit
// names changed files) lints the chart; a subchart's file lints the chart that renders
// it; many files of one chart lint it once.
func TestNamedChartFiles(t *testing.T) {
	namedRepo(t, namedTree)
	files, errs := discover.Walk([]string{
		"charts/web/templates/deploy.yaml", "charts/web/values.yaml", "charts/web/templates/_helpers.tpl",
		"charts/web/charts/db/templates/db.yaml", "charts/web/Dockerfile", "k8s/deploy.yaml",
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]model.Kind{
		"charts/web":            model.KindHelm,
		"charts/web/Dockerfile": model.KindDockerfile, // a Dockerfile is a Dockerfile wherever it is
		"k8s/deploy.yaml":       model.KindKubernetes,
	}
	if diff := cmp.Diff(want, kinds(files)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if files, _ := discover.Walk([]string{"charts/web/templates"}); !cmp.Equal(kinds(files), map[string]model.Kind{"charts/web": model.KindHelm}) {
		t.Errorf("a directory inside a chart: %v", kinds(files))
	}
	t.Chdir("charts/web/templates")
	if files, _ := discover.Walk([]string{"deploy.yaml"}); !cmp.Equal(kinds(files), map[string]model.Kind{"..": model.KindHelm}) {
		t.Errorf("from inside the chart: %v", kinds(files))
	}
}

// TestChanged: with Changed, named files are taken only when a walk would take
// them; without it, every named file is linted as before.
func TestChanged(t *testing.T) {
	namedRepo(t, namedTree)
	all := []string{"Dockerfile", "k8s/deploy.yaml", ".github/workflows/ci.yml", "package.json", "stack.yml", "README.md", "Dockerfile.md", "Dockerfile.dockerignore", "charts/web/values.yaml"}
	files, errs := discover.WalkWith(all, discover.WalkOptions{Changed: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]model.Kind{
		"Dockerfile":      model.KindDockerfile,
		"k8s/deploy.yaml": model.KindKubernetes,
		"stack.yml":       model.KindCompose,
		"charts/web":      model.KindHelm,
	}
	if diff := cmp.Diff(want, kinds(files)); diff != "" {
		t.Errorf("changed files (-want +got):\n%s", diff)
	}
	for _, f := range files {
		if f.Path == "k8s/deploy.yaml" && !cmp.Equal(f.Related, []string{"k8s/svc.yaml"}) {
			t.Errorf("a changed manifest is linted with its directory's manifests: related %v", f.Related)
		}
	}
	// Both manifests of the directory changed: still one set, never two.
	files, _ = discover.WalkWith([]string{"k8s/svc.yaml", "k8s/deploy.yaml"}, discover.WalkOptions{Changed: true})
	if len(files) != 1 || files[0].Path != "k8s/deploy.yaml" || !cmp.Equal(files[0].Related, []string{"k8s/svc.yaml"}) {
		t.Errorf("two changed manifests of one directory: %+v", files)
	}
	files, _ = discover.Walk(all)
	if got := kinds(files); got[".github/workflows/ci.yml"] != model.KindKubernetes || got["README.md"] != model.KindDockerfile {
		t.Errorf("without Changed every named file is linted: %v", got)
	}
}

func TestClassifyContent(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       model.Kind
	}{
		{"Dockerfile", "", model.KindDockerfile},
		{"api.Dockerfile", "FROM x", model.KindDockerfile},
		{"compose.yaml", "", model.KindCompose},
		{"docker-compose.prod.yml", "services: {}", model.KindCompose},
		{"deploy/app.yaml", deployment, model.KindKubernetes},
		{"deploy/app.json", `{"apiVersion": "v1", "kind": "Pod"}`, model.KindKubernetes},
		{"stack.yml", composeApp, model.KindCompose},
		{"ci.yml", "on: push\n", ""},
		{"templates/x.yaml", template, ""}, // not YAML until rendered
		{"README.md", "FROM alpine", ""},
		{"Chart.yaml", chartYAML, ""},
	} {
		if got := discover.ClassifyContent(tc.name, []byte(tc.text)); got != tc.want {
			t.Errorf("ClassifyContent(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestChartOf(t *testing.T) {
	dir := namedRepo(t, namedTree)
	for path, want := range map[string]string{
		"charts/web/templates/deploy.yaml":           "charts/web",
		"charts/web":                                 "charts/web",
		"charts/web/charts/db/templates/db.yaml":     "charts/web",
		"k8s/deploy.yaml":                            "",
		"charts/web/nosuchdir/x.yaml":                "",
		filepath.Join(dir, "charts/web/values.yaml"): filepath.Join(dir, "charts/web"),
	} {
		if got := discover.ChartOf(path); got != want {
			t.Errorf("ChartOf(%s) = %q, want %q", path, got, want)
		}
	}
}
