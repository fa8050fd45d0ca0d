package suppress

import (
	"fmt"
	"testing"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
)

// FuzzDirectives reads the suppression directives of a file, as a Dockerfile and as
// YAML: no panic, no hang, every directive, rule name and problem at a range inside
// its line, and each rule name non-empty, its range holding exactly that name.
func FuzzDirectives(f *testing.F) {
	fuzzcheck.Seed(f,
		"../../policies/meta/*/testdata/*",
		"../../policies/kubernetes/*/testdata/*.yaml",
	)
	for _, s := range []string{
		"# infralint ignore=DL3008,apt-get-missing-yes -- pinned upstream\nRUN apt-get install x\n",
		"# hadolint ignore=DL3008\n# hadolint global ignore=DL3015\n",
		"# infralint ignore-file=base-image-untagged\n",
		"image: nginx  # infralint ignore=image-tag-latest -- \"demo\" only\n",
		"key: 'a # b' # infralint ignore = x , y --\n",
		"# infralint disable=x\n# infralint ignore= -- no rule\n# infralint ignore=x trailing\n",
		"\t# infralint ignore=é,ü -- ünïcödé\r\n",
		"# infralint ignore=a,b -- r\nFROM x\n", "#infralint ignore-file=x\r\n", "# hadolint global ignore=DL1",
		"a: 'b' # infralint ignore=c", "# infralint ignore=,,,--", "\xff# infralint ignore=é",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error {
			src := model.NewSource(data)
			for _, syntax := range []Syntax{Dockerfile, YAML} {
				if err := checkDirectives(src, syntax); err != nil {
					return fmt.Errorf("syntax %d: %w", syntax, err)
				}
			}
			return nil
		})
	})
}

func checkDirectives(src *model.Source, syntax Syntax) error {
	ds, ps := Parse(src, syntax)
	for _, d := range ds {
		if d.Line < 1 || d.Line > src.LineCount() || d.Range.Start.Line != d.Line {
			return fmt.Errorf("directive %q on line %d, range %s", d.Text, d.Line, d.Range)
		}
		if err := fuzzcheck.Range(src, d.Range); err != nil {
			return fmt.Errorf("directive %q: %w", d.Text, err)
		}
		if len(d.Rules) == 0 {
			return fmt.Errorf("directive %q names no rule", d.Text)
		}
		for _, n := range d.Rules {
			if n.Name == "" {
				return fmt.Errorf("directive %q names an empty rule at %s", d.Text, n.Range)
			}
			if err := fuzzcheck.Range(src, n.Range); err != nil {
				return fmt.Errorf("rule %q of %q: %w", n.Name, d.Text, err)
			}
			if got := src.TextOf(n.Range); got != n.Name {
				return fmt.Errorf("rule name %q has the text %q at %s", n.Name, got, n.Range)
			}
		}
	}
	for _, p := range ps {
		if err := fuzzcheck.Range(src, p.Range); err != nil {
			return fmt.Errorf("problem %q: %w", p.Message, err)
		}
	}
	return nil
}
