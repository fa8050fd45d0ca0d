package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fullReport is the JSON report with what these tests look at.
type fullReport struct {
	Findings []struct {
		Rule       string `json:"rule"`
		Severity   string `json:"severity"`
		File       string `json:"file"`
		Message    string `json:"message"`
		Suppressed *struct {
			Kind          string `json:"kind"`
			Justification string `json:"justification"`
		} `json:"suppressed"`
	} `json:"findings"`
	SuppressedFindings []struct {
		Rule       string `json:"rule"`
		File       string `json:"file"`
		Suppressed *struct {
			Kind          string `json:"kind"`
			Justification string `json:"justification"`
		} `json:"suppressed"`
	} `json:"suppressed_findings"`
	Summary map[string]int `json:"summary"`
}

func decodeFull(t *testing.T, out string) fullReport {
	t.Helper()
	var r fullReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not the JSON report: %v\n%s", err, out)
	}
	return r
}

func rulesOf(r fullReport) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Rule+"@"+filepath.ToSlash(f.File)+":"+f.Severity)
	}
	return out
}

// TestPrecedence: flags win over INFRALINT_* variables, which win over the file, which
// wins over the defaults.
func TestPrecedence(t *testing.T) {
	tests := []struct {
		name   string
		config string // "" for no file
		vars   map[string]string
		args   []string
		code   int
		stdout string // regexp
	}{
		{name: "default fail-on is warning", code: 1},
		{name: "file", config: "fail-on: error\n", code: 0},
		{name: "env over file", config: "fail-on: error\n", vars: map[string]string{"INFRALINT_FAIL_ON": "warning"}, code: 1},
		{name: "flag over env", vars: map[string]string{"INFRALINT_FAIL_ON": "warning"}, args: []string{"--fail-on", "none"}, code: 0},
		{name: "flag over file", config: "fail-on: none\n", args: []string{"--fail-on=warning"}, code: 1},
		{name: "flag equal to the default still wins", config: "fail-on: none\n", args: []string{"--fail-on=warning"}, code: 1},
		{name: "bad env value", vars: map[string]string{"INFRALINT_FAIL_ON": "fatal"}, code: 2},
		{name: "format from env", vars: map[string]string{"INFRALINT_FORMAT": "json"}, code: 1, stdout: `^\{\n  "version": 1`},
		{name: "file turns a rule off", config: "rules: {DL3007: off}\n", code: 0, stdout: `no problems`},
		{name: "env turns it back on", config: "rules: {DL3007: off}\n", vars: map[string]string{"INFRALINT_ENABLE": "base-image-untagged"}, code: 1},
		{name: "flag turns it off again", vars: map[string]string{"INFRALINT_ENABLE": "base-image-untagged"}, args: []string{"--disable", "DL3006"}, code: 0},
		{name: "--no-config", config: "fail-on: none\n", args: []string{"--no-config"}, code: 1},
		{name: "INFRALINT_NO_CONFIG", config: "fail-on: none\n", vars: map[string]string{"INFRALINT_NO_CONFIG": "true"}, code: 1},
		{name: "INFRALINT_CONFIG names another file", config: "fail-on: none\n", vars: map[string]string{"INFRALINT_CONFIG": "other.yaml"}, code: 0, stdout: "no problems"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tree := map[string]string{"Dockerfile": "FROM ubuntu\nUSER app\n", "other.yaml": "rules: {base-image-untagged: off}\n"}
			if tc.config != "" {
				tree[".infralint.yaml"] = tc.config
			}
			files(t, tree)
			res := run(t, env{vars: tc.vars}, append(tc.args, "Dockerfile")...)
			if res.code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", res.code, tc.code, res.stdout, res.stderr)
			}
			if tc.stdout != "" && !regexp.MustCompile(tc.stdout).MatchString(res.stdout) {
				t.Errorf("stdout does not match %s:\n%s", tc.stdout, res.stdout)
			}
		})
	}
}

// TestConfigFound: the file is found from a subdirectory, and its paths are relative to
// it, not to the working directory.
func TestConfigFound(t *testing.T) {
	dir := files(t, map[string]string{
		".infralint.yaml":        "exclude: [legacy/]\nrules:\n  base-image-untagged: error\n",
		"svc/Dockerfile":         "FROM ubuntu\nUSER app\n",
		"svc/legacy/Dockerfile":  "FROM ubuntu\nUSER app\n",
		"legacy/Dockerfile":      "FROM ubuntu\nUSER app\n",
		"svc/deep/er/Dockerfile": "FROM debian:12\nUSER app\n",
	})
	t.Chdir(filepath.Join(dir, "svc"))
	res := run(t, env{}, "--format", "json")
	r := decodeFull(t, res.stdout)
	if got := strings.Join(rulesOf(r), " "); got != "base-image-untagged@Dockerfile:error" {
		t.Errorf("findings %s (legacy/ is excluded wherever it is)\nstderr: %s", got, res.stderr)
	}
}

// TestBadConfig: a configuration mistake is reported with its file and line, and exits 2
// before anything is linted; `config validate` lists every problem.
func TestBadConfig(t *testing.T) {
	bad := "fail_on: error\nrules:\n  base-image-untaged: off\n  apt-get-unpinned:\n    options:\n      exmpt: [curl]\n"
	files(t, map[string]string{".infralint.yaml": bad, "Dockerfile": "FROM ubuntu\n", "good.yaml": "fail-on: error\n"})
	res := run(t, env{}, "Dockerfile")
	if res.code != 2 || res.stdout != "" || !strings.Contains(res.stderr, `.infralint.yaml:1:1: unknown key "fail_on" (did you mean fail-on?)`) {
		t.Errorf("lint with a bad file: code %d\nstdout %s\nstderr %s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "config", "validate")
	want := []string{
		`.infralint.yaml:1:1: unknown key "fail_on" (did you mean fail-on?)`,
		`.infralint.yaml:3:3: unknown rule "base-image-untaged" (did you mean base-image-untagged?)`,
		`.infralint.yaml:6:7: rule apt-get-unpinned has no option "exmpt" (did you mean exempt?)`,
	}
	if res.code != 2 || strings.TrimSpace(res.stderr) != strings.Join(want, "\n") {
		t.Errorf("config validate: code %d\nstderr:\n%s\nwant:\n%s", res.code, res.stderr, strings.Join(want, "\n"))
	}
	if res := run(t, env{}, "config", "validate", "good.yaml"); res.code != 0 || res.stdout != "good.yaml: valid\n" {
		t.Errorf("config validate good.yaml: code %d, %q %q", res.code, res.stdout, res.stderr)
	}
	if res := run(t, env{}, "config", "validate", "nosuch.yaml"); res.code != 2 {
		t.Errorf("config validate nosuch.yaml: code %d", res.code)
	}
	if res := run(t, env{}, "--config", "nosuch.yaml", "Dockerfile"); res.code != 2 || !strings.Contains(res.stderr, "nosuch.yaml") {
		t.Errorf("--config nosuch.yaml: code %d, %s", res.code, res.stderr)
	}
	if res := run(t, env{}, "--config", "good.yaml", "Dockerfile"); res.code != 0 {
		t.Errorf("--config good.yaml: code %d, %s", res.code, res.stderr)
	}
	files(t, map[string]string{"Dockerfile": "FROM ubuntu\n"})
	if res := run(t, env{}, "config", "validate"); res.code != 2 || !strings.Contains(res.stderr, "no .infralint.yaml") {
		t.Errorf("config validate without a file: code %d, %s", res.code, res.stderr)
	}
}

// TestSeverityOverride: a severity set in the file is what every format reports and
// what --fail-on compares.
func TestSeverityOverride(t *testing.T) {
	files(t, map[string]string{"Dockerfile": "FROM ubuntu\nUSER app\n"})
	if res := run(t, env{}, "--fail-on", "error", "Dockerfile"); res.code != 0 {
		t.Fatalf("a warning with --fail-on error: code %d", res.code)
	}
	if err := os.WriteFile(".infralint.yaml", []byte("rules:\n  DL3006: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := run(t, env{}, "--fail-on", "error", "Dockerfile")
	if res.code != 1 || !strings.Contains(res.stdout, "Dockerfile:1:6: error [base-image-untagged]") {
		t.Errorf("severity error: code %d\n%s", res.code, res.stdout)
	}
	// Both the rule's descriptor and the result say error.
	res = run(t, env{}, "--format", "sarif", "--only", "base-image-untagged", "Dockerfile")
	if strings.Count(res.stdout, `"level": "error"`) != 2 || strings.Contains(res.stdout, `"level": "warning"`) {
		t.Errorf("sarif levels:\n%s", res.stdout)
	}
	res = run(t, env{}, "rules")
	if !regexp.MustCompile(`(?m)^base-image-untagged\s+dockerfile\s+error\s`).MatchString(res.stdout) {
		t.Errorf("rules does not show the configured severity:\n%s", res.stdout)
	}
}

// TestOverrides: a rule off under one path, on (with another severity) elsewhere, and a
// rule that is on under one path only.
func TestOverrides(t *testing.T) {
	files(t, map[string]string{
		".infralint.yaml": `overrides:
  - paths: ["examples/**"]
    rules:
      base-image-untagged: off
  - paths: ["prod/"]
    rules:
      base-image-untagged: error
      base-image-not-pinned-by-digest: warning
exclude:
  - "*.old.Dockerfile"
`,
		"Dockerfile":          "FROM ubuntu\nUSER app\n",
		"examples/Dockerfile": "FROM ubuntu\nUSER app\n",
		"prod/Dockerfile":     "FROM ubuntu\nUSER app\n",
		"api.old.Dockerfile":  "FROM ubuntu\nUSER app\n",
	})
	res := run(t, env{}, "--format", "json")
	got := strings.Join(rulesOf(decodeFull(t, res.stdout)), " ")
	want := "base-image-untagged@Dockerfile:warning base-image-not-pinned-by-digest@prod/Dockerfile:warning base-image-untagged@prod/Dockerfile:error"
	if got != want {
		t.Errorf("findings\n got %s\nwant %s\nstderr %s", got, want, res.stderr)
	}
	// An excluded file is skipped even when named, as a pre-commit hook names it.
	if res := run(t, env{}, "api.old.Dockerfile"); res.code != 0 || !strings.Contains(res.stdout, "no problems in 0 files") {
		t.Errorf("excluded file named: code %d\n%s", res.code, res.stdout)
	}
}

// TestInlineSuppressions end to end: a directive with a reason, shown with
// --include-suppressed in every format, ignored with --no-inline-ignores; an unknown
// rule is a warning with its line; the meta rules report through the configuration.
func TestInlineSuppressions(t *testing.T) {
	df := "# infralint ignore=DL3006 -- pinned by the release pipeline\nFROM ubuntu\nUSER app\n"
	files(t, map[string]string{"Dockerfile": df})
	res := run(t, env{}, "Dockerfile")
	if res.code != 0 || res.stdout != "no problems in 1 file; 1 suppressed\n" {
		t.Errorf("suppressed: code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "--include-suppressed", "Dockerfile")
	if res.code != 0 || !strings.Contains(res.stdout, `Dockerfile:2:6: warning [base-image-untagged] base image "ubuntu" has no tag  (stage 0)  [suppressed: pinned by the release pipeline]`) {
		t.Errorf("--include-suppressed text: code %d\n%s", res.code, res.stdout)
	}
	r := decodeFull(t, run(t, env{}, "--include-suppressed", "--format", "json", "Dockerfile").stdout)
	if len(r.Findings) != 0 || len(r.SuppressedFindings) != 1 || r.SuppressedFindings[0].Suppressed == nil ||
		r.SuppressedFindings[0].Suppressed.Kind != "inSource" || r.Summary["suppressed"] != 1 {
		t.Errorf("--include-suppressed json: %+v", r)
	}
	sarif := run(t, env{}, "--include-suppressed", "--format", "sarif", "Dockerfile").stdout
	if !strings.Contains(sarif, `"kind": "inSource"`) || !strings.Contains(sarif, `"justification": "pinned by the release pipeline"`) {
		t.Errorf("--include-suppressed sarif:\n%s", sarif)
	}
	if res := run(t, env{}, "--no-inline-ignores", "Dockerfile"); res.code != 1 || !strings.Contains(res.stdout, "base-image-untagged") {
		t.Errorf("--no-inline-ignores: code %d\n%s", res.code, res.stdout)
	}

	files(t, map[string]string{
		"Dockerfile":      "FROM alpine:3.20\n# infralint ignore=DL3006,user-rot\nRUN true\n# hadolint ignore=DL3059,SC2086\nUSER app\n",
		".infralint.yaml": "require-reason: true\nrules:\n  unused-suppression: error\n",
	})
	res = run(t, env{}, "Dockerfile")
	if res.stderr != "Dockerfile:2:27: warning: suppression names unknown rule \"user-rot\" (did you mean user-root?)\n" {
		t.Errorf("stderr %q", res.stderr)
	}
	for _, want := range []string{
		`Dockerfile:2:1: warning [suppression-without-reason]`,
		`Dockerfile:2:20: error [unused-suppression] suppression of DL3006 (base-image-untagged) is unused`,
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	if res.code != 1 || strings.Contains(res.stdout, "hadolint") {
		t.Errorf("code %d\n%s", res.code, res.stdout)
	}
}

// TestBaselineSurvivesEdits: a baseline written today keeps every finding baselined
// after lines are added above them and continuation lines are re-indented; only a
// genuinely new finding is reported.
func TestBaselineSurvivesEdits(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "baseline", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	files(t, map[string]string{"svc/Dockerfile": string(fixture)})
	res := run(t, env{}, "--write-baseline", "baseline.json")
	if res.code != 0 || !regexp.MustCompile(`infralint: wrote \d+ findings to baseline.json`).MatchString(res.stderr) {
		t.Fatalf("--write-baseline: code %d\n%s", res.code, res.stderr)
	}
	before := decodeFull(t, run(t, env{}, "--format", "json").stdout)
	if len(before.Findings) < 5 {
		t.Fatalf("the fixture has only %d findings", len(before.Findings))
	}
	var baseline struct {
		Version  int `json:"version"`
		Findings []struct {
			Fingerprint, Rule, File string
		} `json:"findings"`
	}
	data, _ := os.ReadFile("baseline.json")
	if err := json.Unmarshal(data, &baseline); err != nil || baseline.Version != 1 || len(baseline.Findings) != len(before.Findings) {
		t.Fatalf("baseline file: %v\n%s", err, data)
	}

	res = run(t, env{}, "--baseline", "baseline.json")
	if res.code != 0 || !strings.Contains(res.stdout, "no problems in 1 file; "+itoa(len(before.Findings))+" in the baseline") {
		t.Errorf("unchanged file: code %d\n%s", res.code, res.stdout)
	}

	// Edit: lines above everything, blank lines between instructions, and continuation
	// lines indented differently. No instruction changes.
	edited := "# syntax=docker/dockerfile:1\n# The build image.\n\n" + string(fixture)
	edited = strings.ReplaceAll(edited, "\n    && ", "\n  && ")
	edited = strings.ReplaceAll(edited, "\n        ", "\n\t\t")
	edited = strings.Replace(edited, "FROM ubuntu\n", "\nFROM ubuntu\n", 1)
	if edited == string(fixture) {
		t.Fatal("the edit changed nothing")
	}
	if err := os.WriteFile(filepath.Join("svc", "Dockerfile"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	after := decodeFull(t, run(t, env{}, "--format", "json", "--no-config").stdout)
	if len(after.Findings) != len(before.Findings) {
		t.Fatalf("the edit changed the findings: %v → %v", rulesOf(before), rulesOf(after))
	}
	res = run(t, env{}, "--baseline", "baseline.json", "--format", "json")
	r := decodeFull(t, res.stdout)
	if res.code != 0 || len(r.Findings) != 0 || r.Summary["baselined"] != len(before.Findings) {
		t.Errorf("after the edit: code %d, new findings %v, summary %v", res.code, rulesOf(r), r.Summary)
	}

	// A new finding is reported; the old ones stay baselined. The same rule in the same
	// file, too.
	edited += "RUN apt-get install -y --no-install-recommends jq\n"
	if err := os.WriteFile(filepath.Join("svc", "Dockerfile"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	res = run(t, env{vars: map[string]string{"INFRALINT_BASELINE": "baseline.json"}}, "--format", "json")
	r = decodeFull(t, res.stdout)
	if got := strings.Join(rulesOf(r), " "); res.code != 1 || !strings.Contains(got, "apt-get-unpinned@svc/Dockerfile") || r.Summary["baselined"] < len(before.Findings)-1 {
		t.Errorf("a new finding: code %d, findings %s, summary %v", res.code, got, r.Summary)
	}
	for _, f := range r.Findings {
		if f.Rule == "apt-get-unpinned" && !strings.Contains(f.Message, "jq") {
			t.Errorf("an old finding is reported as new: %+v", f)
		}
	}
	// With --include-suppressed the baselined ones are shown, marked external.
	r = decodeFull(t, run(t, env{}, "--baseline", "baseline.json", "--include-suppressed", "--format", "json").stdout)
	if len(r.SuppressedFindings) == 0 || r.SuppressedFindings[0].Suppressed.Kind != "external" {
		t.Errorf("suppressed findings: %+v", r.SuppressedFindings)
	}
	// The configuration can name the baseline.
	if err := os.WriteFile(".infralint.yaml", []byte("baseline: baseline.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := decodeFull(t, run(t, env{}, "--format", "json").stdout); r.Summary["baselined"] == 0 {
		t.Errorf("baseline from the file: %v", r.Summary)
	}
	if res := run(t, env{}, "--baseline", "nosuch.json"); res.code != 2 {
		t.Errorf("missing baseline: code %d", res.code)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// teamPolicy is a team's own rule, with an alias and an option.
const teamPolicy = `# METADATA
# title: Do not use wget
# description: |
#   A RUN uses wget.
#
#   Our base images ship curl only.
# custom:
#   severity: warning
#   category: maintainability
#   aliases: [TEAM001]
#   options:
#     allowed:
#       type: array
#       default: []
#       description: URLs wget may still fetch.
package infralint.rules.dockerfile["team-no-wget"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("wget fetches %s", [url])) if {
	some [_, cmd] in df.commands
	cmd.name == "wget"
	some url in cmd.args
	startswith(url, "https://")
	not url in {u | some u in options.allowed}
}
`

// TestCustomPolicyFirstClass: a team's rule from the configuration's policies is
// listed, configured (severity, options, off, per path), suppressed (by ID and alias)
// and reported exactly like a built-in one.
func TestCustomPolicyFirstClass(t *testing.T) {
	files(t, map[string]string{
		"policies/dockerfile/team-no-wget/team_no_wget.rego": teamPolicy,
		".infralint.yaml": `policies: [policies]
rules:
  TEAM001:
    severity: error
    options:
      allowed: [https://example.com/ok]
overrides:
  - paths: [legacy/]
    rules: {team-no-wget: off}
`,
		"Dockerfile": "FROM alpine:3.20\n" +
			"RUN wget https://example.com/ok && wget https://example.com/bad\n" +
			"# infralint ignore=TEAM001 -- the vendor only publishes here\n" +
			"RUN wget https://vendor.example.com/tool\n" +
			"USER app\n",
		"legacy/Dockerfile": "FROM alpine:3.20\nRUN wget https://example.com/bad\nUSER app\n",
	})
	res := run(t, env{}, "rules")
	if res.code != 0 || !regexp.MustCompile(`(?m)^team-no-wget\s+dockerfile\s+error\s+maintainability\s+yes\s+Do not use wget$`).MatchString(res.stdout) {
		t.Errorf("rules: code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "--format", "json", "--include-suppressed", "--only", "team-no-wget")
	r := decodeFull(t, res.stdout)
	if got := strings.Join(rulesOf(r), " "); res.code != 1 || got != "team-no-wget@Dockerfile:error" || !strings.Contains(r.Findings[0].Message, "/bad") {
		t.Errorf("findings %s (code %d)\n%s", got, res.code, res.stderr)
	}
	if len(r.SuppressedFindings) != 1 || r.SuppressedFindings[0].Suppressed.Justification != "the vendor only publishes here" {
		t.Errorf("suppressed %+v", r.SuppressedFindings)
	}
	sarif := run(t, env{}, "--format", "sarif", "--only", "TEAM001").stdout
	if !strings.Contains(sarif, `"id": "team-no-wget"`) || !strings.Contains(sarif, `"level": "error"`) {
		t.Errorf("sarif:\n%s", sarif)
	}
	// Turned off by the file, like a built-in (--only would turn it back on: flags win).
	if err := os.WriteFile(".infralint.yaml", []byte("policies: [policies]\nrules: {team-no-wget: off}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := run(t, env{}); res.code != 0 || strings.Contains(res.stdout, "team-no-wget") {
		t.Errorf("rule off: code %d\n%s", res.code, res.stdout)
	}
	if res := run(t, env{}, "rules"); !regexp.MustCompile(`(?m)^team-no-wget\s+dockerfile\s+warning\s+maintainability\s+no\s`).MatchString(res.stdout) {
		t.Errorf("rules with the rule off:\n%s", res.stdout)
	}
}

// TestNewRuleAndTest: `new rule` scaffolds a rule whose bad fixture fails `infralint
// test` until the rule is written; then it passes, and lints like any rule.
func TestNewRuleAndTest(t *testing.T) {
	files(t, map[string]string{"app/Dockerfile": "FROM alpine:3.20\nRUN wget -q https://example.com/x\nUSER app\n"})
	res := run(t, env{}, "new", "rule", "--target", "dockerfile", "--id", "team-no-wget")
	if res.code != 0 || !strings.Contains(res.stdout, "Created "+filepath.Join("policies", "dockerfile", "team-no-wget")+"/") ||
		!strings.Contains(res.stdout, "infralint test policies") {
		t.Fatalf("new rule: code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	dir := filepath.Join("policies", "dockerfile", "team-no-wget")
	for _, f := range []string{"team_no_wget.rego", "testdata/bad.Dockerfile", "testdata/good.Dockerfile"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("not scaffolded: %v", err)
		}
	}
	res = run(t, env{}, "test", "policies")
	if res.code != 1 || !strings.Contains(res.stdout, "FAIL  team-no-wget") || !strings.Contains(res.stdout, "want team-no-wget, got nothing") {
		t.Errorf("test on the stub: code %d\n%s%s", res.code, res.stdout, res.stderr)
	}

	// Write the rule and its fixtures.
	rego, err := os.ReadFile(filepath.Join(dir, "team_no_wget.rego"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(rego), `cmd.name == "TODO"`, `cmd.name == "wget"`, 1)
	must(t, os.WriteFile(filepath.Join(dir, "team_no_wget.rego"), []byte(src), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "testdata", "bad.Dockerfile"), []byte("FROM alpine:3.20\n# want: team-no-wget \"wget is not allowed\"\nRUN wget -q https://example.com/x\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "testdata", "good.Dockerfile"), []byte("FROM alpine:3.20\nRUN echo wget\n"), 0o644))
	res = run(t, env{}, "test", "policies")
	if res.code != 0 || !strings.Contains(res.stdout, "ok    team-no-wget (2 fixtures)") || !strings.Contains(res.stdout, "PASS: 1 rules") {
		t.Errorf("test on the rule: code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "--policy", "policies", "--only", "team-no-wget", "app")
	if res.code != 1 || !strings.Contains(res.stdout, "app/Dockerfile:2:5: warning [team-no-wget] wget is not allowed") {
		t.Errorf("lint with it: code %d\n%s%s", res.code, res.stdout, res.stderr)
	}

	for _, args := range [][]string{
		{"new", "rule", "--target", "dockerfile", "--id", "team-no-wget"}, // exists
		{"new", "rule", "--target", "dockerfile", "--id", "user-root"},    // a built-in ID
		{"new", "rule", "--target", "dockerfile", "--id", "DL3008"},       // a built-in alias
		{"new", "rule", "--target", "dockerfile", "--id", "Bad_ID"},
		{"new", "rule", "--target", "meta", "--id", "x"},
		{"new", "rule", "--target", "dockerfile"}, // no --id
		{"test", "app"}, // no rules there
		{"test"},
	} {
		if res := run(t, env{}, args...); res.code != 2 {
			t.Errorf("%v: code %d, want 2\n%s%s", args, res.code, res.stdout, res.stderr)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
