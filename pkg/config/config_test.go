package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
)

func registry(t *testing.T) *rules.Registry {
	t.Helper()
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "repo", ".git", "HEAD"), "ref: main\n")
	write(t, filepath.Join(root, "repo", ".infralint.yaml"), "")
	write(t, filepath.Join(root, "repo", "svc", "api", "Dockerfile"), "FROM x\n")
	write(t, filepath.Join(root, "repo", "svc", "web", ".infralint.yml"), "")
	write(t, filepath.Join(root, "other", "sub", "x"), "")
	write(t, filepath.Join(root, ".infralint.yaml"), "") // above a repository: never read from inside it

	nested := filepath.Join(root, "repo2", "a")
	write(t, filepath.Join(root, "repo2", ".git", "HEAD"), "")
	write(t, filepath.Join(nested, "x"), "")

	for _, tc := range []struct{ dir, want string }{
		{"repo", "repo/.infralint.yaml"},
		{"repo/svc/api", "repo/.infralint.yaml"},
		{"repo/svc/web", "repo/svc/web/.infralint.yml"},
		{"repo2/a", ""},                  // stops at the repository root
		{"other/sub", ".infralint.yaml"}, // no repository: up to the root of the tree
	} {
		got, err := Find(filepath.Join(root, filepath.FromSlash(tc.dir)))
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if tc.want != "" {
			want = filepath.Join(root, filepath.FromSlash(tc.want))
		}
		if got != want {
			t.Errorf("Find(%s) = %s, want %s", tc.dir, got, want)
		}
	}
}

const full = `# yaml-language-server: $schema=https://infralint.dev/schemas/config.json
version: 1
fail-on: error
require-reason: true
baseline: .infralint-baseline.json
policies: [policies]
exclude:
  - vendor/
  - "**/testdata/**"
rules:
  DL3008: off
  base-image-untagged: error
  base-image-not-pinned-by-digest: { severity: info }
  apt-get-unpinned-typo-free: null
  user-root:
    enabled: true
    options:
      non_root_images: [gcr.io/distroless/static]
overrides:
  - paths: ["examples/**"]
    rules:
      user-root: off
      base-image-untagged: warning
helm:
  values-sets:
    default: [values.yaml]
    prod: [values.yaml, values-prod.yaml]
  release-name: lint
  namespace: apps
  kube-version: 1.30.0
  api-versions: [monitoring.coreos.com/v1]
  set: [image.tag=1.2.3]
compose:
  files: [deploy/compose.yaml, deploy/compose.prod.yaml]
  env-files: [.env]
  profiles: [debug]
  project-name: shop
`

func TestParseFull(t *testing.T) {
	c, err := Parse(filepath.Join("conf", ".infralint.yaml"), []byte(strings.Replace(full, "  apt-get-unpinned-typo-free: null\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	off, on := false, true
	want := &Config{
		Version: 1, FailOn: "error", RequireReason: true,
		Baseline: filepath.Join("conf", ".infralint-baseline.json"),
		Policies: []string{filepath.Join("conf", "policies")},
		Exclude:  []string{"vendor/", "**/testdata/**"},
		Rules: Rules{
			"DL3008":                          {Enabled: &off},
			"base-image-untagged":             {Severity: model.SeverityError},
			"base-image-not-pinned-by-digest": {Severity: model.SeverityInfo},
			"user-root":                       {Enabled: &on, Options: map[string]any{"non_root_images": []any{"gcr.io/distroless/static"}}},
		},
		Overrides: []Override{{
			Paths: []string{"examples/**"},
			Rules: Rules{"user-root": {Enabled: &off}, "base-image-untagged": {Severity: model.SeverityWarning}},
		}},
		Helm: Helm{
			ValuesSets:  map[string][]string{"default": {"values.yaml"}, "prod": {"values.yaml", "values-prod.yaml"}},
			ReleaseName: "lint", Namespace: "apps", KubeVersion: "1.30.0",
			APIVersions: []string{"monitoring.coreos.com/v1"}, Set: []string{"image.tag=1.2.3"},
		},
		Compose: Compose{
			Files:    []string{filepath.Join("conf", "deploy", "compose.yaml"), filepath.Join("conf", "deploy", "compose.prod.yaml")},
			EnvFiles: []string{filepath.Join("conf", ".env")}, Profiles: []string{"debug"}, ProjectName: "shop",
		},
		Path: filepath.Join("conf", ".infralint.yaml"), Dir: "conf",
	}
	if d := cmp.Diff(want, c, cmpopts.IgnoreUnexported(Override{}), cmp.Comparer(func(a, b *Rule) bool {
		return a.Severity == b.Severity && cmp.Equal(a.Enabled, b.Enabled) && cmp.Equal(a.Options, b.Options)
	})); d != "" {
		t.Errorf("config (-want +got):\n%s", d)
	}
	if err := c.Check(registry(t)); err != nil {
		t.Errorf("check: %v", err)
	}
}

// TestParseErrors: every mistake is reported with its line and column, all at once,
// with what was probably meant.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // one line each, in order
	}{
		{"unknown top-level key", "fail_on: error\n", []string{`c.yaml:1:1: unknown key "fail_on" (did you mean fail-on?)`}},
		{"unknown key without a near one", "colour: red\n", []string{`c.yaml:1:1: unknown key "colour" (known: version, fail-on, rules`}},
		{"unknown nested key", "helm:\n  values-set: {}\n", []string{`c.yaml:2:3: unknown key "values-set" in helm (did you mean values-sets?)`}},
		{"wrong type", "exclude: vendor/\n", []string{`c.yaml:1:10: exclude: want a list of strings`}},
		{"wrong type in a list", "policies: [[a]]\n", []string{`c.yaml:1:11: policies: want a list of strings`}},
		{"not a mapping", "- a\n", []string{`c.yaml:1:1: the configuration must be a mapping`}},
		{"bad fail-on", "fail-on: fatal\n", []string{`c.yaml:1:10: fail-on: unknown severity "fatal"`}},
		{"version 2", "version: 2\n", []string{`only version 1 exists`}},
		{"duplicate key", "fail-on: error\nfail-on: info\n", []string{`c.yaml:2:1: fail-on is set twice (first on line 1)`}},
		{"duplicate rule", "rules:\n  a: off\n  a: on\n", []string{`c.yaml:3:3: rule a is set twice (first on line 2)`}},
		{"bad rule value", "rules:\n  a: loud\n", []string{`c.yaml:2:6: rule a: "loud" is not one of off, on, error, warning, info`}},
		{"bad rule severity", "rules:\n  a: {severity: fatal}\n", []string{`c.yaml:2:17: rule a: severity must be error, warning or info`}},
		{"bad rule enabled", "rules:\n  a: {enabled: maybe}\n", []string{`c.yaml:2:16: rule a: enabled must be true or false`}},
		{"misspelt rule key", "rules:\n  a:\n    option: {}\n", []string{`c.yaml:3:5: rule a: unknown key "option" (did you mean options?)`}},
		{"rule as a list", "rules:\n  a: [x]\n", []string{`c.yaml:2:6: rule a: want off, on`}},
		{"override without paths", "overrides:\n  - rules: {a: off}\n", []string{`c.yaml:2:5: overrides[0] has no paths`}},
		{"options under an override", "overrides:\n  - paths: [x]\n    rules:\n      a: {options: {b: 1}}\n", []string{`c.yaml:4:7: rule a: options cannot vary by path`}},
		{"syntax error", "rules:\n  a: [\n", []string{`c.yaml:2:1: not valid YAML`}},
		{"aliases", "policies: &p [x]\nexclude: *p\n", []string{`c.yaml:2:10: exclude: aliases are not allowed`}},
		{"bad size", "limits:\n  max-file-size: 4 megs\n", []string{`c.yaml:2:18: limits.max-file-size: want a size such as 4MiB or a number of bytes, not "4 megs"`}},
		{"zero size", "limits:\n  helm-render-memory: 0MiB\n", []string{`c.yaml:2:23: limits.helm-render-memory: size "0MiB": a limit must be more than 0`}},
		{"bad duration", "limits:\n  helm-render-timeout: 10\n", []string{`c.yaml:2:24: limits.helm-render-timeout: want a duration such as 10s or 2m, not "10"`}},
		{
			"several problems, in line order",
			"fail_on: x\nrules:\n  a: loud\nhelm:\n  namespce: x\n",
			[]string{`c.yaml:1:1: unknown key "fail_on"`, `c.yaml:3:6: rule a`, `c.yaml:5:3: unknown key "namespce" in helm (did you mean namespace?)`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.text))
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tc.want) {
				t.Fatalf("errors:\n%s\nwant %d", err, len(tc.want))
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("error %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
	for _, empty := range []string{"", "\n", "# only a comment\n", "---\n", "~\n"} {
		c, err := Parse("c.yaml", []byte(empty))
		if err != nil || c.Version != 1 {
			t.Errorf("Parse(%q) = %+v, %v", empty, c, err)
		}
	}
}

// TestLimits: sizes with and without units, and durations.
func TestLimits(t *testing.T) {
	c, err := Parse("c.yaml", []byte("limits:\n  max-file-size: 8MiB\n  max-line-length: 65536\n"+
		"  helm-render-timeout: 1m30s\n  helm-render-memory: 1GiB\n  helm-render-output: 512 KiB\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Limits{MaxFileSize: 8 << 20, MaxLineLength: 65536, HelmRenderTimeout: Duration(90 * time.Second), HelmRenderMemory: 1 << 30, HelmRenderOutput: 512 << 10}
	if c.Limits != want {
		t.Errorf("limits = %+v, want %+v", c.Limits, want)
	}
}

// TestCheck: rule names and options are checked against the registry.
func TestCheck(t *testing.T) {
	reg := registry(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"IDs and aliases, any case", "rules:\n  DL3008: off\n  dl3015: info\n  user-root: on\n", nil},
		{"unknown rule", "rules:\n  base-image-untaged: off\n", []string{`c.yaml:2:3: unknown rule "base-image-untaged" (did you mean base-image-untagged?)`}},
		{"unknown rule far from any", "rules:\n  zzzzzzzzzz: off\n", []string{"`infralint rules` lists them"}},
		{"unknown rule under an override", "overrides:\n  - paths: [x]\n    rules: {DL3O08: off}\n", []string{`c.yaml:3:13: unknown rule "DL3O08" (did you mean apt-get-unpinned?)`}},
		{"same rule by ID and alias", "rules:\n  apt-get-unpinned: off\n  DL3008: error\n", []string{`c.yaml:3:3: rule apt-get-unpinned is configured twice (also on line 2`}},
		{"unknown option", "rules:\n  apt-get-unpinned:\n    options:\n      exmpt: [a]\n", []string{`c.yaml:4:7: rule apt-get-unpinned has no option "exmpt" (did you mean exempt?)`}},
		{"option of the wrong type", "rules:\n  apt-get-unpinned:\n    options:\n      exempt: curl\n", []string{`c.yaml:4:7: rule apt-get-unpinned: option exempt must be an array`}},
		{"option of a rule without options", "rules:\n  run-cd:\n    options: {a: 1}\n", []string{`rule run-cd has no option "a" (it has none)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			err = c.Check(reg)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tc.want) {
				t.Fatalf("errors:\n%s", err)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("error %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
