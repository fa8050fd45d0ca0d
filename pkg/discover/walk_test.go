package discover_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
)

// TestWalkCharts: a walk takes a directory for a chart when it holds a regular file
// named Chart.yaml, as IsChartDir says, and then looks no further into it.
func TestWalkCharts(t *testing.T) {
	root := t.TempDir()
	manifest := "apiVersion: v1\nkind: ConfigMap\n"
	writeTree(t, root, map[string]string{
		"chart/Chart.yaml":                "name: web\n",
		"chart/templates/cm.yaml":         "apiVersion: v1\nkind: {{ .Values.kind }}\n",
		"chart/charts/sub/Chart.yaml":     "name: sub\n",
		"dir-named-chart/Chart.yaml/":     "",
		"dir-named-chart/cm.yaml":         manifest,
		"linked-chart/cm.yaml":            manifest,
		"other-case/chart.yaml":           "name: web\n",
		"other-case/cm.yaml":              manifest,
		"k8s/a.yaml":                      manifest,
		"k8s/values.yaml":                 "replicas: 2\nkind:\n",
		"k8s/templated.yaml":              "apiVersion: v1\nkind: Pod\nname: {{ .name }}\n",
		"k8s/.gitignore":                  "ignored.yaml\n",
		"k8s/ignored.yaml":                manifest,
		"k8s/nested/.gitignore/":          "",
		"k8s/nested/b.json":               `{"apiVersion": "v1", "kind": "Pod"}`,
		"unreadable/c.yaml":               manifest,
		"unreadable-chart/Chart.yaml":     "name: x\n",
		"unreadable-chart/templates/.tpl": "",
	})
	symlink(t, filepath.Join(root, "chart", "Chart.yaml"), filepath.Join(root, "linked-chart", "Chart.yaml"))
	lockable := os.Geteuid() != 0 // root lists any directory
	if lockable {
		for _, dir := range []string{"unreadable", "unreadable-chart"} {
			if err := os.Chmod(filepath.Join(root, dir), 0o300); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(filepath.Join(root, dir), 0o755) })
		}
	}
	files, errs := discover.Walk([]string{root})
	got := map[string]model.Kind{}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f.Path)
		got[filepath.ToSlash(rel)] = f.Kind
	}
	want := map[string]model.Kind{
		"chart":                   model.KindHelm,
		"dir-named-chart/cm.yaml": model.KindKubernetes,
		"linked-chart/cm.yaml":    model.KindKubernetes,
		"k8s/a.yaml":              model.KindKubernetes,
		"k8s/nested/b.json":       model.KindKubernetes,
		"unreadable-chart":        model.KindHelm,
	}
	if discover.IsChartDir(filepath.Join(root, "other-case")) {
		want["other-case"] = model.KindHelm // a filesystem that ignores case
	} else {
		want["other-case/cm.yaml"] = model.KindKubernetes
	}
	var wantErrs []string
	if lockable {
		wantErrs = []string{filepath.Join(root, "unreadable")}
	} else {
		want["unreadable/c.yaml"] = model.KindKubernetes
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var errFiles []string
	for _, e := range errs {
		errFiles = append(errFiles, e.File)
	}
	if diff := cmp.Diff(wantErrs, errFiles); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
