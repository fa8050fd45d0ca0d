package yamlpos

import (
	"bytes"
	"fmt"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
)

// yamlSeeds are the YAML fixtures of the repository: manifests, Compose files, values.
var yamlSeeds = []string{
	"../parsers/kubernetes/testdata/cases/*/*",
	"../parsers/compose/testdata/cases/*/*.yaml",
	"../parsers/compose/testdata/negative/*/*.yaml",
	"../parsers/helm/testdata/charts/*/values*.yaml",
	"../../policies/kubernetes/*/testdata/*.yaml",
	"../../policies/compose/*/testdata/*.yaml",
}

// FuzzBuild indexes every document of a YAML stream: no panic, no hang, and every
// entry's range (and key range) inside the file.
func FuzzBuild(f *testing.F) {
	fuzzcheck.Seed(f, yamlSeeds...)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error { return checkBuild(data) })
	})
}

func checkBuild(data []byte) error {
	src := model.NewSource(data)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for range 64 {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			return nil
		}
		ix := Build(&n, src)
		for ptr, e := range ix.entries {
			if err := fuzzcheck.Range(src, e.Range); err != nil {
				return fmt.Errorf("entry %q: %w", ptr, err)
			}
			if e.Key != (model.Range{}) {
				if err := fuzzcheck.Range(src, e.Key); err != nil {
					return fmt.Errorf("key of %q: %w", ptr, err)
				}
			}
			if _, near := ix.Nearest(ptr + "/missing"); fuzzcheck.Range(src, near.Range) != nil {
				return fmt.Errorf("nearest of %q: %w", ptr+"/missing", fuzzcheck.Range(src, near.Range))
			}
		}
	}
	return nil
}
