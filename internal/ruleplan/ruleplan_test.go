package ruleplan_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/internal/ruleplan"
	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/rules"
)

// TestPlansCurrent fails when the embedded plans (pkg/rules/plans) are not what the
// policies plan to: a policy added or edited without `go generate ./...`. The engine
// would then run the old policy, so this must never pass with a stale plan.
func TestPlansCurrent(t *testing.T) {
	dir := filepath.Join(testutil.Root(t), "pkg", "rules", "plans")
	for _, kind := range rules.PlannedKinds {
		want, err := ruleplan.Build(kind)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, string(kind)+".irp"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("pkg/rules/plans/%s.irp is stale (%d bytes, planning gives %d): run `go generate ./...`", kind, len(got), len(want))
		}
	}
}
