package helm_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/rules"
)

func engine(t *testing.T, only ...string) *rules.Engine {
	t.Helper()
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(reg, rules.Selection{Only: only})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

const shop = "testdata/charts/shop"

// lintShop lints the test chart with its defaults and the values set prod.
func lintShop(t *testing.T, only ...string) []model.Finding {
	t.Helper()
	opts := lint.Options{Helm: config.Helm{ValuesSets: map[string][]string{"prod": {"values-prod.yaml"}}}}
	res := lint.Files(context.Background(), engine(t, only...), []discover.File{{Path: shop, Kind: model.KindHelm}}, opts)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	return res.Findings
}

func find(fs []model.Finding, rule, file string, line int) *model.Finding {
	for i := range fs {
		if fs[i].RuleID == rule && fs[i].File == file && fs[i].Range.Start.Line == line {
			return &fs[i]
		}
	}
	return nil
}

func TestValuesSetsDedupe(t *testing.T) {
	fs := lintShop(t, "read-only-root-filesystem", "privilege-escalation-allowed", "replicas-too-few", "image-tag-latest")
	tpl := filepath.ToSlash(filepath.Join(shop, "templates/worker.yaml"))
	helpers := filepath.ToSlash(filepath.Join(shop, "templates/_helpers.tpl"))

	// In both sets: reported once, naming both.
	f := find(fs, "read-only-root-filesystem", tpl, 18)
	if f == nil {
		t.Fatalf("no read-only-root-filesystem at worker.yaml:18; got %v", fs)
	}
	if !strings.HasPrefix(f.Context, "values sets default, prod;") {
		t.Errorf("context = %q, want both sets", f.Context)
	}
	n := 0
	for _, x := range fs {
		if x.RuleID == "read-only-root-filesystem" {
			n++
		}
	}
	if n != 2 { // one per container (shop, worker), not one per set
		t.Errorf("read-only-root-filesystem reported %d times, want 2", n)
	}

	// In prod only: the tag comes from values-prod.yaml, line 3.
	f = find(fs, "image-tag-latest", tpl, 17)
	if f == nil {
		t.Fatalf("no image-tag-latest at worker.yaml:17; got %v", fs)
	}
	if !strings.HasPrefix(f.Context, "values set prod;") {
		t.Errorf("context = %q, want prod only", f.Context)
	}
	if !hasRelated(f, filepath.Join(shop, "values-prod.yaml"), 3) {
		t.Errorf("related = %v, want values-prod.yaml:3", f.Related)
	}
	if !strings.Contains(f.Context, "value image.tag from "+filepath.Join(shop, "values-prod.yaml")+":3") {
		t.Errorf("context = %q does not name the values line", f.Context)
	}
	// The shop container's image is written in a named template.
	if find(fs, "image-tag-latest", helpers, 10) == nil {
		t.Errorf("no image-tag-latest at _helpers.tpl:10; got %v", fs)
	}

	// A value supplied through toYaml: the key in the template, the value in the file.
	f = find(fs, "privilege-escalation-allowed", tpl, 18)
	if f == nil {
		t.Fatalf("no privilege-escalation-allowed at worker.yaml:18; got %v", fs)
	}
	if !hasRelated(f, filepath.Join(shop, "values-prod.yaml"), 6) {
		t.Errorf("related = %v, want values-prod.yaml:6", f.Related)
	}

	// In default only: replicas from values.yaml line 2.
	f = find(fs, "replicas-too-few", filepath.ToSlash(filepath.Join(shop, "templates/deployment.yaml")), 8)
	if f == nil {
		t.Fatalf("no replicas-too-few at deployment.yaml:8; got %v", fs)
	}
	if !strings.HasPrefix(f.Context, "values set default;") || !hasRelated(f, filepath.Join(shop, "values.yaml"), 2) {
		t.Errorf("finding = %+v", f)
	}
}

func hasRelated(f *model.Finding, file string, line int) bool {
	for _, r := range f.Related {
		if r.File == filepath.ToSlash(file) && r.Range.Start.Line == line {
			return true
		}
	}
	return false
}

// writeChart writes a chart into a temporary directory.
func writeChart(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "c")
	testutil.WriteFiles(t, dir, files)
	return dir
}

const chartYAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"

func loadErr(t *testing.T, dir string, o helm.Options) string {
	t.Helper()
	start := time.Now()
	_, errs := helm.Load(dir, o)
	if time.Since(start) > 20*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	if len(errs) == 0 {
		t.Fatal("no error")
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return strings.Join(msgs, "\n")
}

func TestMissingDependency(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml": chartYAML + "dependencies:\n  - name: redis\n    version: 17.0.0\n    repository: https://charts.example.com\n  - name: postgresql\n    version: 12.0.0\n    repository: https://charts.example.com\n",
	})
	msg := loadErr(t, dir, helm.Options{})
	if !strings.Contains(msg, "not vendored under charts/: redis, postgresql") {
		t.Errorf("error = %q", msg)
	}
}

func TestRecursionBounded(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":          chartYAML,
		"templates/loop.yaml": "{{- define \"loop\" }}{{ include \"loop\" . }}{{ end }}\nx: {{ include \"loop\" . }}\n",
	})
	msg := loadErr(t, dir, helm.Options{Timeout: 10 * time.Second})
	if !strings.Contains(msg, "loop") {
		t.Errorf("error = %q", msg)
	}
}

func TestOutputBounded(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":         chartYAML,
		"templates/big.yaml": "data: |\n{{- range until 200000 }}\n  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n{{- end }}\n",
	})
	msg := loadErr(t, dir, helm.Options{MaxOutput: 1 << 20})
	if !strings.Contains(msg, "too much output") {
		t.Errorf("error = %q", msg)
	}
}

func TestSymlinkOutOfChartRefused(t *testing.T) {
	dir := writeChart(t, map[string]string{"Chart.yaml": chartYAML, "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"})
	secret := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(secret, []byte("password: hunter2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "templates", "leak.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	msg := loadErr(t, dir, helm.Options{})
	if !strings.Contains(msg, "symbolic link") || strings.Contains(msg, "hunter2") {
		t.Errorf("error = %q", msg)
	}
}

func TestTemplateErrorLocated(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":        chartYAML,
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"name is required\" .Values.name }}\n",
	})
	_, errs := helm.Load(dir, helm.Options{})
	if len(errs) != 1 || errs[0].Range == nil || errs[0].Range.Start.Line != 4 || !strings.HasSuffix(errs[0].File, "templates/cm.yaml") || !strings.Contains(errs[0].Message, "name is required") {
		t.Fatalf("errors = %+v", errs)
	}
}

func TestInvalidOutput(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":         chartYAML,
		"templates/bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n",
		"templates/ok.yaml":  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n",
	})
	docs, errs := helm.Load(dir, helm.Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "not valid") {
		t.Fatalf("errors = %+v", errs)
	}
	objects := 0
	for _, d := range docs {
		if d.Kind == model.KindKubernetes {
			objects++
		}
	}
	if objects != 1 {
		t.Errorf("%d objects, want the valid one", objects)
	}
}

func TestArchive(t *testing.T) {
	// A packaged chart is read in memory: findings name <archive>!/<file>.
	docs, errs := helm.Load("testdata/shop-0.1.0.tgz", helm.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	found := false
	for _, d := range docs {
		if d.Kind == model.KindKubernetes && strings.HasPrefix(d.Path, "testdata/shop-0.1.0.tgz!/templates/") {
			found = true
		}
	}
	if !found {
		t.Errorf("no object from the archive")
	}
}

// TestFlowStyleLocated: a value inside a flow collection is located at its line, with
// the .Values key the line uses (not that key with the rest of the path appended, as
// for toYaml) and a note that says why the key itself was not found.
func TestFlowStyleLocated(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":  chartYAML,
		"values.yaml": "tag: latest\n",
		"templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n" +
			"spec: {containers: [{name: a, image: \"nginx:{{ .Values.tag }}\"}]}\n",
	})
	res := lint.Files(context.Background(), engine(t, "image-tag-latest"), []discover.File{{Path: dir, Kind: model.KindHelm}}, lint.Options{})
	if len(res.Errors) > 0 || len(res.Findings) != 1 {
		t.Fatalf("findings %v, errors %v", res.Findings, res.Errors)
	}
	f := res.Findings[0]
	if f.Range.Start.Line != 5 || !hasRelated(&f, filepath.Join(dir, "values.yaml"), 1) {
		t.Errorf("finding at line %d, related %v; want line 5 and values.yaml:1", f.Range.Start.Line, f.Related)
	}
	if strings.Contains(f.Context, "is not set") || !strings.Contains(f.Context, "inside a flow collection") {
		t.Errorf("context = %q", f.Context)
	}
}
