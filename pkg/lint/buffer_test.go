package lint

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/model"
)

// bufferTree writes files under a new repository root and makes it the working
// directory.
func bufferTree(t *testing.T, files map[string]string) {
	t.Helper()
	dir := testutil.WriteTree(t, files)
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

func rulesOf(fs []model.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.RuleID+" "+f.File]++
	}
	return out
}

const deploymentWeb = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
`

// TestBuffer: the buffer's text is linted, not the file on disk; what a walk reads
// beside the file is read beside it; only the buffer's findings are returned.
func TestBuffer(t *testing.T) {
	bufferTree(t, map[string]string{
		"svc/Dockerfile":                       "FROM debian:12.5\n", // on disk: clean
		"k8s/deploy.yaml":                      deploymentWeb,
		"k8s/other.yaml":                       "apiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  selector: {app: nothing}\n",
		"charts/web/Chart.yaml":                "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"charts/web/values.yaml":               "tag: latest\n",
		"charts/web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: \"nginx:{{ .Values.tag }}\"\n",
		"excluded/Dockerfile":                  "FROM ubuntu\n",
		"notes/ci.yml":                         "on: push\n",
	})
	eng := engine(t, "base-image-untagged", "service-selector-dangling", "image-tag-latest")
	ctx := context.Background()

	res := Buffer(ctx, eng, "svc/Dockerfile", []byte("FROM ubuntu\n"), Options{})
	if got := rulesOf(res.Findings); got["base-image-untagged svc/Dockerfile"] != 1 || len(got) != 1 || res.Files != 1 {
		t.Errorf("Dockerfile buffer: %v (files %d)", got, res.Files)
	}
	if res.Sources["svc/Dockerfile"] == nil || res.Sources["svc/Dockerfile"].Line(1) != "FROM ubuntu" {
		t.Error("the buffer's text is not the source the reporters show")
	}

	// A Service selecting the buffer's Deployment: with its sibling on disk the
	// sibling's own dangling Service is not reported here, and the buffer's is matched.
	svc := "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n"
	res = Buffer(ctx, eng, "k8s/svc.yaml", []byte(svc), Options{})
	if got := rulesOf(res.Findings); len(got) != 0 || len(res.Errors) != 0 {
		t.Errorf("manifest buffer with its directory: %v, errors %v", got, res.Errors)
	}
	res = Buffer(ctx, eng, "k8s/svc.yaml", []byte("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: api}\n"), Options{})
	if got := rulesOf(res.Findings); got["service-selector-dangling k8s/svc.yaml"] != 1 || len(got) != 1 {
		t.Errorf("dangling Service buffer: %v", got)
	}

	// A template of a chart: the chart on disk is rendered.
	res = Buffer(ctx, eng, "charts/web/templates/deployment.yaml", []byte("unsaved"), Options{})
	if got := rulesOf(res.Findings); got["image-tag-latest charts/web/templates/deployment.yaml"] != 1 {
		t.Errorf("chart template buffer: %v, errors %v", got, res.Errors)
	}

	// Unknown text: skipped for an editor, a Dockerfile when the user insists.
	if res := Buffer(ctx, eng, "notes/ci.yml", []byte("on: push\n"), Options{Changed: true}); res.Files != 0 || len(res.Errors) != 0 {
		t.Errorf("unknown buffer with Changed: files %d, errors %v", res.Files, res.Errors)
	}

	// The configuration's exclude applies.
	cfg, err := config.Parse(".infralint.yaml", []byte("exclude: [excluded/]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	cfg.Dir = cwd
	plan, err := cfg.Plan(eng.Registry(), config.Flags{}, cwd)
	if err != nil {
		t.Fatal(err)
	}
	if res := Buffer(ctx, eng, "excluded/Dockerfile", []byte("FROM ubuntu\n"), Options{Plan: plan}); res.Files != 0 || len(res.Findings) != 0 {
		t.Errorf("excluded buffer: %+v", res)
	}
}
