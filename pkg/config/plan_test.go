package config

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/infralint/infralint/pkg/model"
)

// TestPlanPrecedence: flags win over the file, the file over the METADATA defaults.
// apt-get-unpinned (DL3008) is on by default, base-image-not-pinned-by-digest off.
func TestPlanPrecedence(t *testing.T) {
	reg := registry(t)
	const onByDefault, offByDefault = "apt-get-unpinned", "base-image-not-pinned-by-digest"
	tests := []struct {
		name       string
		file       string
		flags      Flags
		on, off    []string
		severities map[string]model.Severity
	}{
		{name: "defaults", on: []string{onByDefault}, off: []string{offByDefault, "unused-suppression", "suppression-without-reason"}},
		{name: "file turns a rule off by alias", file: "rules: {DL3008: off}", off: []string{onByDefault}},
		{name: "a severity turns a default-off rule on", file: "rules: {" + offByDefault + ": warning}", on: []string{offByDefault},
			severities: map[string]model.Severity{offByDefault: model.SeverityWarning}},
		{name: "enabled false wins over a severity", file: "rules: {" + onByDefault + ": {severity: error, enabled: false}}", off: []string{onByDefault}},
		{name: "severity keeps a rule on", file: "rules: {" + onByDefault + ": {severity: error}}", on: []string{onByDefault},
			severities: map[string]model.Severity{onByDefault: model.SeverityError}},
		{name: "--enable wins over the file's off", file: "rules: {DL3008: off}", flags: Flags{Enable: []string{"DL3008"}}, on: []string{onByDefault}},
		{name: "--disable wins over the file's on", file: "rules: {" + offByDefault + ": on}", flags: Flags{Disable: []string{offByDefault}}, off: []string{offByDefault}},
		{name: "--only replaces the file's choice", file: "rules: {" + offByDefault + ": on}", flags: Flags{Only: []string{"DL3008"}},
			on: []string{onByDefault}, off: []string{offByDefault, "user-root"}},
		{name: "--only keeps the file's severity", file: "rules: {DL3008: info}", flags: Flags{Only: []string{"DL3008"}}, on: []string{onByDefault},
			severities: map[string]model.Severity{onByDefault: model.SeverityInfo}},
		{name: "require-reason turns its rule on", file: "require-reason: true", on: []string{"suppression-without-reason"}},
		{name: "require-reason loses to an explicit off", file: "require-reason: true\nrules: {suppression-without-reason: off}", off: []string{"suppression-without-reason"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(".infralint.yaml", []byte(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := c.Plan(reg, tc.flags, ".")
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tc.on {
				if !p.On(id) || !slices.Contains(p.Evaluate, id) {
					t.Errorf("%s is off", id)
				}
			}
			for _, id := range tc.off {
				if p.On(id) || slices.Contains(p.Evaluate, id) {
					t.Errorf("%s is on", id)
				}
			}
			for id, want := range tc.severities {
				r, _ := reg.Lookup(id)
				if got := p.Severity(id, r.Severity); got != want {
					t.Errorf("%s severity %s, want %s", id, got, want)
				}
			}
		})
	}
}

func TestPlanUnknownFlagRule(t *testing.T) {
	_, err := Default(".").Plan(registry(t), Flags{Disable: []string{"base-image-untaged"}, Only: []string{"zzzzzzzz"}}, ".")
	if err == nil || !strings.Contains(err.Error(), `--disable: unknown rule "base-image-untaged" (did you mean base-image-untagged?)`) ||
		!strings.Contains(err.Error(), `--only: unknown rule "zzzzzzzz"`) {
		t.Errorf("error = %v", err)
	}
}

func TestPlanOptions(t *testing.T) {
	c, err := Parse(".infralint.yaml", []byte("rules:\n  DL3008:\n    options: {exempt: [ca-certificates]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Plan(registry(t), Flags{}, ".")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Options["apt-get-unpinned"]["exempt"]; len(got.([]any)) != 1 {
		t.Errorf("options = %v", p.Options)
	}
}

// TestPaths: excludes and per-path overrides have .gitignore semantics, relative to
// the configuration file's directory, whatever the working directory.
func TestPaths(t *testing.T) {
	reg := registry(t)
	root := t.TempDir()
	text := `exclude:
  - vendor/
  - "*.generated.Dockerfile"
  - "build/*"
  - "!build/keep"
  - /top.Dockerfile
overrides:
  - paths: ["examples/*", "!examples/prod"] # git's way to keep one directory
    rules:
      base-image-untagged: off
      base-image-not-pinned-by-digest: warning
  - paths: ["**/legacy/"]
    rules:
      base-image-untagged: error
rules:
  base-image-untagged: info
`
	c, err := Parse(filepath.Join(root, ".infralint.yaml"), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Plan(reg, Flags{}, filepath.Join(root, "svc"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(p.Evaluate, "base-image-not-pinned-by-digest") {
		t.Error("a rule on under one path only is not evaluated")
	}
	// Paths are given as findings name them: relative to the working directory, root/svc.
	excluded := []struct {
		path string
		want bool
	}{
		{"../vendor/x/Dockerfile", true},
		{"vendor/Dockerfile", true}, // root/svc/vendor: a pattern without a leading slash matches at any depth
		{"../app/api.generated.Dockerfile", true},
		{"../build/Dockerfile", true},
		{"../build/keep", false},
		{"../top.Dockerfile", true},
		{"top.Dockerfile", false}, // anchored to the configuration's directory
		{"../../outside/vendor/Dockerfile", false},
		{"Dockerfile", false},
	}
	for _, tc := range excluded {
		if got := p.Excluded(tc.path, false); got != tc.want {
			t.Errorf("Excluded(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if !p.Excluded(filepath.Join(root, "vendor", "chart"), true) {
		t.Error("an absolute path under an excluded directory is not excluded")
	}

	rules := []struct {
		path, rule string
		on         bool
		sev        model.Severity
	}{
		{"Dockerfile", "base-image-untagged", true, model.SeverityInfo},
		{"../examples/a/Dockerfile", "base-image-untagged", false, model.SeverityInfo},
		{"../examples/prod/Dockerfile", "base-image-untagged", true, model.SeverityInfo},
		{"../examples/a/Dockerfile", "base-image-not-pinned-by-digest", true, model.SeverityWarning},
		{"Dockerfile", "base-image-not-pinned-by-digest", false, model.SeverityInfo},
		{"../x/legacy/Dockerfile", "base-image-untagged", true, model.SeverityError},
		{"../examples/legacy/Dockerfile", "base-image-untagged", true, model.SeverityError}, // later overrides win
	}
	for _, tc := range rules {
		r, _ := reg.Lookup(tc.rule)
		on, sev := p.Rule(tc.path, tc.rule, r.Severity)
		if on != tc.on || sev != tc.sev {
			t.Errorf("Rule(%s, %s) = %v %s, want %v %s", tc.path, tc.rule, on, sev, tc.on, tc.sev)
		}
	}
	f := model.Finding{RuleID: "base-image-untagged", File: "../x/legacy/Dockerfile", Severity: model.SeverityWarning}
	if !p.Apply(&f) || f.Severity != model.SeverityError {
		t.Errorf("Apply: %+v", f)
	}
}
