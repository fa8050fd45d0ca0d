package helm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
)

// FuzzLoad loads and renders a chart written from three fuzzed texts: Chart.yaml,
// values.yaml and one template (with the fixture charts' helpers beside it). The
// invariant: no panic, an error rather than a hang (each render is bounded by the
// Timeout and MaxOutput below), and every range of every document inside the file it
// names.
func FuzzLoad(f *testing.F) {
	helpers, _ := os.ReadFile("testdata/charts/shop/templates/_helpers.tpl")
	dirs := fuzzcheck.SeedFiles("testdata/charts/*", "../../../policies/helm/*/testdata/*")
	for _, dir := range dirs {
		chart, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
		if err != nil {
			continue
		}
		values, _ := os.ReadFile(filepath.Join(dir, "values.yaml"))
		for _, t := range fuzzcheck.SeedFiles(filepath.Join(dir, "templates", "*.yaml")) {
			tpl, err := os.ReadFile(t)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(chart, values, tpl)
		}
	}
	f.Add([]byte("apiVersion: v2\nname: c\nversion: 0.1.0\n"), []byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, chart, values, tpl []byte) {
		dir := filepath.Join(t.TempDir(), "c")
		files := map[string][]byte{
			"Chart.yaml":             chart,
			"values.yaml":            values,
			"templates/t.yaml":       tpl,
			"templates/_helpers.tpl": helpers,
		}
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error {
			return checkLoad(dir, files)
		})
	})
}

func checkLoad(dir string, files map[string][]byte) error {
	docs, errs := Load(dir, Options{Timeout: 2 * time.Second, MaxOutput: 1 << 20})
	byPath := map[string]*model.Source{}
	for name, data := range files {
		byPath[filepath.ToSlash(filepath.Join(dir, name))] = model.NewSource(data)
	}
	for _, e := range errs {
		if e.Message == "" {
			return fmt.Errorf("error without a message for %s", e.File)
		}
		if e.Range == nil {
			continue
		}
		src, ok := byPath[filepath.ToSlash(e.File)]
		if !ok {
			return fmt.Errorf("error %q located in %s, not a file of the chart", e.Message, e.File)
		}
		if err := fuzzcheck.Range(src, *e.Range); err != nil {
			return fmt.Errorf("error %q: %w", e.Message, err)
		}
	}
	for _, d := range docs {
		if err := fuzzcheck.Document(d); err != nil {
			return err
		}
		if !strings.HasPrefix(filepath.ToSlash(d.Path), filepath.ToSlash(dir)+"/") {
			return fmt.Errorf("document %s is outside the chart", d.Path)
		}
	}
	return nil
}
