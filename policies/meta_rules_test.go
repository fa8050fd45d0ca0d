package policies_test

import (
	"slices"
	"testing"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/pkg/suppress"
)

// TestMetaRules: the rules of target meta are exactly those pkg/suppress emits findings
// of. A meta rule without an emitter would never fire; an emitter without METADATA
// would report a rule that is not listed, documented or configurable.
func TestMetaRules(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	var meta []string
	for _, r := range reg.Rules() {
		if r.Target == model.KindMeta {
			meta = append(meta, r.ID)
			if r.Enabled {
				t.Errorf("%s: a meta rule judges the team's own comments: it must be off by default", r.ID)
			}
		}
	}
	want := slices.Sorted(slices.Values(suppress.MetaRules))
	if !slices.Equal(meta, want) {
		t.Errorf("meta rules %v, pkg/suppress emits %v", meta, want)
	}
}
