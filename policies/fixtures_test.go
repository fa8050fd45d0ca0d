package policies_test

import (
	"context"
	"strings"
	"testing"

	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/pkg/rules/ruletest"
)

// TestFixtures runs every rule's fixtures through the real parser, engine and
// suppression stage, with only that rule enabled (even when it is off by default):
// bad* fixtures must produce exactly their `# want:` lines, good* fixtures nothing. The
// checking is pkg/rules/ruletest, which `infralint test DIR` runs on user policies too.
func TestFixtures(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reg.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			res := ruletest.Run(context.Background(), reg, r, ".")
			for _, p := range res.Problems {
				t.Error(p)
			}
			for _, fx := range res.Fixtures {
				t.Run(fx.Name, func(t *testing.T) {
					if len(fx.Problems) > 0 {
						t.Errorf("%s:\n  %s", fx.Path, strings.Join(fx.Problems, "\n  "))
					}
				})
			}
		})
	}
}
