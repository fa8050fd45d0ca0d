package helm_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/helm"
)

// The bounds of one render, beside TestRecursionBounded and TestOutputBounded: time,
// and the number of documents a template may produce.

// TestRenderTimeBounded: a template that loops without producing anything (so no
// output limit stops it) is an error once the timeout passes, and Load returns then.
// (The loop, some 10^7 steps, is abandoned, not stopped: it is kept short so that it
// does not slow the tests that run after it.)
func TestRenderTimeBounded(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":          chartYAML,
		"templates/spin.yaml": "{{- range until 5000 }}{{- range until 5000 }}{{- end }}{{- end }}\n",
		"templates/ok.yaml":   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n",
	})
	start := time.Now()
	msg := loadErr(t, dir, helm.Options{Timeout: 200 * time.Millisecond})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Load returned after %s, with a 200 ms timeout", d)
	}
	if !strings.Contains(msg, "rendering did not finish within 200ms") {
		t.Errorf("error = %q", msg)
	}
}

// TestRenderedDocumentsBounded: a template that renders more YAML documents than a
// manifest may hold is an error; the objects before the limit are linted.
func TestRenderedDocumentsBounded(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml": chartYAML,
		"templates/many.yaml": "{{- range until 10001 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n" +
			"  name: c{{ . }}\n{{- end }}\n",
	})
	docs, errs := helm.Load(dir, helm.Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "more than 10000 YAML documents") || !strings.HasSuffix(errs[0].File, "templates/many.yaml") {
		t.Fatalf("errors = %v", errs)
	}
	objects := 0
	for _, d := range docs {
		if d.Kind == model.KindKubernetes {
			objects++
		}
	}
	if objects != 10_000 {
		t.Errorf("%d objects, want the first 10000", objects)
	}
}

// TestChartFileErrorsLocated: invalid YAML in Chart.yaml, values.yaml or a set's
// values file is an error in that file, at the line the YAML reader names.
func TestChartFileErrorsLocated(t *testing.T) {
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		sets  []helm.ValuesSet
		file  string
		line  int
		want  string
	}{
		{"Chart.yaml", map[string]string{"Chart.yaml": "apiVersion: v2\nname: c\nversion: [0.1.0\n", "templates/cm.yaml": cm},
			nil, "Chart.yaml", 2, "invalid Chart.yaml: did not find expected ',' or ']'"},
		{"values.yaml", map[string]string{"Chart.yaml": chartYAML, "values.yaml": "a: 1\nb:\n  - x\n  y: 2\n", "templates/cm.yaml": cm},
			nil, "values.yaml", 3, "cannot load values.yaml: did not find expected '-' indicator"},
		{"values set", map[string]string{"Chart.yaml": chartYAML, "values-prod.yaml": "a: 1\nb: [\n", "templates/cm.yaml": cm},
			[]helm.ValuesSet{{Name: "prod", Files: []string{"values-prod.yaml"}}}, "values-prod.yaml", 2, "values set prod: invalid YAML: did not find expected node content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeChart(t, tc.files)
			_, errs := helm.Load(dir, helm.Options{ValuesSets: tc.sets})
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			e := errs[0]
			if e.File != filepath.ToSlash(filepath.Join(dir, tc.file)) || e.Range == nil || e.Range.Start.Line != tc.line || !strings.Contains(e.Message, tc.want) {
				t.Errorf("error = %s (range %v), want %s:%d %q", e.Error(), e.Range, tc.file, tc.line, tc.want)
			}
		})
	}
}
