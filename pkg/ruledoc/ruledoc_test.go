package ruledoc

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

func names(ex Example) []string {
	var out []string
	for _, f := range ex.Files {
		out = append(out, f.Name)
	}
	return out
}

// TestChartExamples: a chart fixture shows Chart.yaml, the file its want comment marks,
// and the files that differ from the other kind's chart; files both charts share
// unchanged are listed, not shown.
func TestChartExamples(t *testing.T) {
	chart := "apiVersion: v2\nname: shop\nversion: 1.0.0\n"
	tpl := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
	fsys := fstest.MapFS{
		"helm/r/testdata/bad/Chart.yaml":               {Data: []byte(chart)},
		"helm/r/testdata/bad/values.yaml":              {Data: []byte("Log-Level: info  # want: r\n")},
		"helm/r/testdata/bad/templates/cm.yaml":        {Data: []byte(tpl)},
		"helm/r/testdata/bad/charts/dep-1.0.0.tgz":     {Data: []byte{0x1f, 0x8b, 0, 0}},
		"helm/r/testdata/good/Chart.yaml":              {Data: []byte(chart)},
		"helm/r/testdata/good/values.yaml":             {Data: []byte("logLevel: info\n")},
		"helm/r/testdata/good/values.schema.json":      {Data: []byte("{}\n")},
		"helm/r/testdata/good/templates/cm.yaml":       {Data: []byte(tpl)},
		"helm/r/testdata/good/charts/dep-1.0.0.tgz":    {Data: []byte{0x1f, 0x8b, 0, 0}},
		"helm/r/testdata/README.md":                    {Data: []byte("not a fixture\n")},
		"kubernetes/k/testdata/bad.yaml":               {Data: []byte("# want: k\nkind: Pod\n")},
		"kubernetes/k/testdata/good.yaml":              {Data: []byte("kind: Pod\n")},
		"kubernetes/k/testdata/good-set/service.yaml":  {Data: []byte("kind: Service\n")},
		"kubernetes/k/testdata/good-set/workload.yaml": {Data: []byte("kind: Pod\n")},
	}

	bad, good := Examples(fsys, model.Rule{ID: "r", Dir: "helm/r", Target: model.KindHelm})
	if len(bad) != 1 || len(good) != 1 {
		t.Fatalf("got %d bad and %d good examples, want 1 and 1", len(bad), len(good))
	}
	all := []string{"Chart.yaml", "charts/dep-1.0.0.tgz", "templates/cm.yaml", "values.yaml"}
	if d := cmp.Diff(all, bad[0].All); d != "" {
		t.Errorf("bad chart's files (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"Chart.yaml", "values.yaml"}, names(bad[0])); d != "" {
		t.Errorf("bad chart's shown files (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"Chart.yaml", "values.schema.json", "values.yaml"}, names(good[0])); d != "" {
		t.Errorf("good chart's shown files (-want +got):\n%s", d)
	}
	if got := bad[0].Files[1].Text; got != "Log-Level: info" {
		t.Errorf("bad values.yaml shown as %q: the want comment is test plumbing", got)
	}

	page := Page(model.Rule{ID: "r", Title: "T", Target: model.KindHelm}, bad, good)
	for _, want := range []string{
		"## Bad example\n\nA chart of 4 files: `Chart.yaml`, `charts/dep-1.0.0.tgz`, `templates/cm.yaml`, `values.yaml`. The ones that matter for this rule:\n",
		"`values.yaml`\n\n```yaml\nLog-Level: info\n```\n",
		"`values.schema.json`\n\n```json\n{}\n```\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "want:") {
		t.Errorf("the page shows a want comment:\n%s", page)
	}

	// Single files keep their one block; a directory of manifests shows every file
	// when no fixture of the other kind is a directory to compare with.
	bad, good = Examples(fsys, model.Rule{ID: "k", Dir: "kubernetes/k", Target: model.KindKubernetes})
	if len(bad) != 1 || bad[0].All != nil || len(bad[0].Files) != 1 || bad[0].Files[0].Text != "kind: Pod" {
		t.Errorf("bad single-file example: %+v", bad)
	}
	// Fixtures are read in name order: good-set before good.yaml.
	if len(good) != 2 || len(good[0].Files) != 2 || good[1].All != nil {
		t.Fatalf("good examples: %+v", good)
	}
	page = Page(model.Rule{ID: "k", Title: "T", Target: model.KindKubernetes}, bad, good)
	for _, want := range []string{
		"## Bad example\n\n```yaml\nkind: Pod\n```\n",
		"## Good example 1\n\nA directory of 2 files: `service.yaml`, `workload.yaml`.\n\n`service.yaml`\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
}
