package kubernetes

import (
	"fmt"
	"testing"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
)

// FuzzParse reads a manifest file: no panic, no hang, every error's range and every
// range of every object's locator inside the file.
func FuzzParse(f *testing.F) {
	fuzzcheck.Seed(f,
		"testdata/cases/*/manifest.*",
		"../../../policies/kubernetes/*/testdata/*.yaml",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error { return checkParse(data) })
	})
}

func checkParse(data []byte) error {
	const path = "manifest.yaml"
	docs, errs := Parse(path, data)
	src := model.NewSource(model.YAMLText(data)) // the lines YAML reads
	if err := fuzzcheck.FileErrors(path, src, errs); err != nil {
		return err
	}
	for i, d := range docs {
		if d.Path != path {
			return fmt.Errorf("document %d is of %q", i, d.Path)
		}
		if err := fuzzcheck.Document(d); err != nil {
			return fmt.Errorf("document %d: %w", i, err)
		}
	}
	return nil
}
