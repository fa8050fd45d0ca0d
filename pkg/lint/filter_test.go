package lint

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/pkg/suppress"
)

// brief is a finding as these tests compare it.
func brief(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		s := f.RuleID + ":" + filepath.ToSlash(f.File) + ":" + strconv.Itoa(f.Range.Start.Line) + ":" + f.Severity.String()
		if f.Suppressed != nil {
			s += " (" + f.Suppressed.Kind + ")"
		}
		out = append(out, s)
	}
	return out
}

// TestFilterStage runs the whole filter stage on real files: per-path settings and
// severities from a configuration, inline suppressions, the meta rules at their
// configured severity, and a baseline.
func TestFilterStage(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(p, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("svc/Dockerfile", "FROM ubuntu\n# infralint ignore=DL3008 -- mirror\nRUN apt-get install -y --no-install-recommends curl\nUSER app\n")
	write("examples/Dockerfile", "FROM ubuntu\n# infralint ignore=user-root -- nothing to hide\nRUN apt-get install -y --no-install-recommends curl\nUSER app\n")
	cfg, err := config.Parse(".infralint.yaml", []byte(`rules:
  base-image-untagged: error
  unused-suppression: info
overrides:
  - paths: [examples/]
    rules:
      apt-get-unpinned: off
      unused-suppression: error
`))
	if err != nil {
		t.Fatal(err)
	}
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := cfg.Plan(reg, config.Flags{Only: []string{"base-image-untagged", "apt-get-unpinned", "user-root", "unused-suppression"}}, dir)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(reg, rules.Selection{Only: plan.Evaluate, Options: plan.Options})
	if err != nil {
		t.Fatal(err)
	}
	res := Paths(context.Background(), eng, []string{"."}, Options{Plan: plan, IncludeSuppressed: true})
	want := []string{
		"base-image-untagged:examples/Dockerfile:1:error",
		"unused-suppression:examples/Dockerfile:2:error",
		"base-image-untagged:svc/Dockerfile:1:error",
	}
	if d := cmp.Diff(want, brief(res.Findings)); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"apt-get-unpinned:svc/Dockerfile:3:warning (inSource)"}, brief(res.Suppressed)); d != "" {
		t.Errorf("suppressed (-want +got):\n%s", d)
	}
	i := slices.IndexFunc(res.Rules, func(r model.Rule) bool { return r.ID == "base-image-untagged" })
	if i < 0 || res.Rules[i].Severity != model.SeverityError {
		t.Errorf("result rules do not carry the configured severity: %+v", res.Rules)
	}

	// A baseline of today's findings leaves nothing to report.
	b := suppress.NewBaseline(res.Findings)
	again := Paths(context.Background(), eng, []string{"."}, Options{Plan: plan, Baseline: b})
	if len(again.Findings) != 0 || again.Summarize().Baselined != 3 || again.Summarize().Suppressed != 1 {
		t.Errorf("with the baseline: %v, summary %+v", brief(again.Findings), again.Summarize())
	}
	if again.IncludeSuppressed {
		t.Error("IncludeSuppressed set without being asked")
	}
}

// TestKubernetesSuppressions: the infralint.io/ignore annotation covers its own object
// only; a comment on its own line covers the whole list item below it; the Kubernetes
// parser's locator gives the node ranges (model.NodeLocator).
func TestKubernetesSuppressions(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"host-network", "privileged-container"} {
		if _, ok := reg.Lookup(id); !ok {
			t.Skipf("the Kubernetes rule %s is not there yet", id)
		}
	}
	eng, err := rules.New(reg, rules.Selection{Only: []string{"host-network", "privileged-container", "unused-suppression"}})
	if err != nil {
		t.Fatal(err)
	}
	src := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    infralint.io/ignore: "host-network -- the CNI agent needs it"
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        # infralint ignore=privileged-container -- legacy driver
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
        - name: sidecar
          image: envoy:1.30
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    infralint.io/ignore: "privileged-container -- nothing here is privileged"
spec:
  hostNetwork: true
  containers:
    - name: c
      image: nginx:1.27
`
	dir := t.TempDir()
	path := filepath.Join(dir, "deploy.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	findings, errs := File(context.Background(), eng, discover.File{Path: path, Kind: model.KindKubernetes})
	if len(errs) > 0 {
		if strings.Contains(errs[0].Message, "no parser") {
			t.Skip("the Kubernetes parser is not wired into lint.Parse yet")
		}
		t.Fatal(errs)
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.RuleID+":"+strconv.Itoa(f.Range.Start.Line))
	}
	slices.Sort(got)
	want := []string{"host-network:29", "privileged-container:20", "unused-suppression:27"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}
