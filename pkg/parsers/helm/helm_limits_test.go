package helm_test

import (
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
