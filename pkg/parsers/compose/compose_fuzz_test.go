package compose

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
)

// FuzzParse reads a Compose file on its own (no override, no .env: nothing beside it
// on disk): no panic, an error rather than a hang, every error's range and every range
// of the document inside the file it names.
func FuzzParse(f *testing.F) {
	fuzzcheck.Seed(f,
		"testdata/cases/*/*.yaml",
		"testdata/negative/*/*.yaml",
		"../../../policies/compose/*/testdata/*.yaml",
	)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "compose.yaml")
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error { return checkParse(path, data) })
	})
}

func checkParse(path string, data []byte) error {
	doc, errs := Parse(path, data, Options{Overrides: []string{}, EnvFiles: []string{}})
	if err := fuzzcheck.FileErrors(path, model.NewSource(model.YAMLText(data)), errs); err != nil { // the lines YAML reads
		return err
	}
	if doc == nil {
		if len(errs) == 0 {
			return fmt.Errorf("no document and no error")
		}
		return nil
	}
	if doc.Path != path {
		return fmt.Errorf("document of %q", doc.Path)
	}
	return fuzzcheck.Document(doc)
}
