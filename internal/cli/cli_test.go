package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/internal/cli"
	"github.com/infralint/infralint/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/e2e")

// only keeps the tests to two stable rules, so rules added later do not change them.
const only = "--only=base-image-untagged,apt-get-no-install-recommends"

type result struct {
	code           int
	stdout, stderr string
}

type env struct {
	vars     map[string]string
	terminal bool
}

// run executes infralint as cmd/infralint's main does, with buffers for streams.
func run(t *testing.T, e env, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	s := cli.Streams{
		In:         strings.NewReader(""),
		Out:        &out,
		Err:        &errb,
		Getenv:     func(k string) string { return e.vars[k] },
		IsTerminal: func() bool { return e.terminal },
	}
	root := cli.NewRoot(s)
	root.SetArgs(append([]string{}, args...))
	err := root.ExecuteContext(context.Background())
	code, show := cli.ExitCode(err)
	if show && err != nil {
		fmt.Fprintln(&errb, "infralint:", err)
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// files writes a tree (path → content) into a new temp dir and makes it the working
// directory, so the paths in the output are the relative ones given.
func files(t *testing.T, tree map[string]string) string {
	t.Helper()
	dir := testutil.WriteTree(t, tree)
	repoRoot(t, dir)
	t.Chdir(dir)
	return dir
}

// repoRoot marks dir as a repository's root, so configuration files above it (in the
// system's temporary directory) are never read.
func repoRoot(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
}

const (
	cleanDF   = "FROM debian:12.5\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"
	warnDF    = "FROM ubuntu\n"
	infoDF    = "FROM debian:12.5\nRUN apt-get install -y curl\n"
	brokenDF  = "FROM alpine:3.20\nRUN <<EOF\necho never closed\n"
	unknownDF = "FROM alpine:3.20\nFOO bar\n"
)

var testTree = map[string]string{
	"clean/Dockerfile":   cleanDF,
	"warn/Dockerfile":    warnDF,
	"info/Dockerfile":    infoDF,
	"broken/Dockerfile":  brokenDF,
	"unknown/Dockerfile": unknownDF,
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string // regexps the output must match
		stderr []string
	}{
		{name: "clean file", args: []string{"clean"}, code: 0, stdout: []string{`^no problems in 1 file\n$`}},
		{name: "clean file, lint subcommand", args: []string{"lint", "clean"}, code: 0},
		{name: "warning, default --fail-on", args: []string{"warn"}, code: 1, stdout: []string{`warn/Dockerfile:1:6: warning \[base-image-untagged\]`}},
		{name: "warning, --fail-on error", args: []string{"--fail-on", "error", "warn"}, code: 0, stdout: []string{`base-image-untagged`}},
		{name: "warning, --fail-on none", args: []string{"--fail-on=none", "warn"}, code: 0},
		{name: "warning, --fail-on warning", args: []string{"--fail-on=warning", "warn"}, code: 1},
		{name: "info only, default --fail-on", args: []string{"info"}, code: 0, stdout: []string{`info/Dockerfile:2:5: info \[apt-get-no-install-recommends\]`}},
		{name: "info only, --fail-on info", args: []string{"--fail-on", "info", "info"}, code: 1},
		{name: "warning disabled by alias", args: []string{"--disable", "DL3007", "warn"}, code: 0, stdout: []string{`^no problems in 1 file\n$`}},
		{
			name: "unparsable file beside a good one, text",
			args: []string{"broken", "warn"},
			code: 2,
			stdout: []string{
				`broken/Dockerfile:2:1: error: unterminated heredoc`,
				`warn/Dockerfile:1:6: warning \[base-image-untagged\] base image "ubuntu" has no tag`,
				`1 file could not be parsed`,
			},
		},
		{
			name:   "unparsable file with --fail-on none is still an error",
			args:   []string{"--fail-on", "none", "broken", "clean"},
			code:   2,
			stdout: []string{`unterminated heredoc`},
		},
		{
			name:   "unknown instruction: error, and the file's other findings",
			args:   []string{"unknown", "warn"},
			code:   2,
			stdout: []string{`unknown/Dockerfile:2:1: error: unknown instruction: FOO`, `warn/Dockerfile:1:6: warning`},
		},
		{name: "nonexistent path", args: []string{"nosuch", "clean"}, code: 2, stdout: []string{`nosuch: error: .*no such file`}},
		{name: "unknown --format", args: []string{"--format", "xml", "clean"}, code: 2, stderr: []string{`unknown format "xml"`}},
		{
			name:   "unknown rule in --disable",
			args:   []string{"--disable", "base-image-untaged", "clean"},
			code:   2,
			stderr: []string{`unknown rule "base-image-untaged" \(did you mean base-image-untagged\?\)`},
		},
		{
			name:   "unknown alias in --disable",
			args:   []string{"--disable", "DL3O15", "clean"},
			code:   2,
			stderr: []string{`unknown rule "DL3O15" \(did you mean apt-get-no-install-recommends\?\)`},
		},
		{name: "two formats on standard output", args: []string{"--format", "json", "--format", "sarif", "clean"}, code: 2, stderr: []string{`only one --format`}},
		{name: "two formats on standard output, explicit -", args: []string{"--format", "json", "--format", "text=-", "clean"}, code: 2},
		{name: "bad --fail-on", args: []string{"--fail-on", "fatal", "clean"}, code: 2, stderr: []string{`--fail-on`}},
		{name: "negative --jobs", args: []string{"-j", "-1", "clean"}, code: 2},
		{name: "unknown flag", args: []string{"--frobnicate", "clean"}, code: 2, stderr: []string{`unknown flag`}},
		{name: "output file in a missing directory", args: []string{"--format", "sarif=nodir/out.sarif", "clean"}, code: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files(t, testTree)
			args := append([]string{}, tc.args...)
			if len(args) > 0 && args[0] == "lint" {
				args = append([]string{"lint", only}, args[1:]...)
			} else {
				args = append([]string{only}, args...)
			}
			res := run(t, env{}, args...)
			if res.code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", res.code, tc.code, res.stdout, res.stderr)
			}
			for _, re := range tc.stdout {
				if !regexp.MustCompile(re).MatchString(res.stdout) {
					t.Errorf("stdout does not match %s:\n%s", re, res.stdout)
				}
			}
			for _, re := range tc.stderr {
				if !regexp.MustCompile(re).MatchString(res.stderr) {
					t.Errorf("stderr does not match %s:\n%s", re, res.stderr)
				}
			}
			if tc.code != 2 && res.stderr != "" {
				t.Errorf("unexpected stderr: %s", res.stderr)
			}
		})
	}
}

type jsonReport struct {
	Version int `json:"version"`
	Tool    struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Findings []struct {
		Rule        string `json:"rule"`
		File        string `json:"file"`
		Fingerprint string `json:"fingerprint"`
	} `json:"findings"`
	Errors []struct {
		File  string `json:"file"`
		Range *struct {
			Start struct{ Line int } `json:"start"`
		} `json:"range"`
		Message string `json:"message"`
	} `json:"errors"`
	Summary map[string]int `json:"summary"`
}

func decodeJSON(t *testing.T, data []byte) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("output is not the JSON report: %v\n%s", err, data)
	}
	return r
}

func TestUnparsableFileJSON(t *testing.T) {
	files(t, testTree)
	res := run(t, env{}, only, "--format", "json", "broken", "warn")
	if res.code != 2 {
		t.Errorf("exit code %d, want 2", res.code)
	}
	r := decodeJSON(t, []byte(res.stdout))
	if r.Version != 1 || r.Tool.Name != "infralint" || r.Tool.Version != cli.Version() {
		t.Errorf("version = %d, tool = %+v", r.Version, r.Tool)
	}
	if len(r.Findings) != 1 || r.Findings[0].File != filepath.FromSlash("warn/Dockerfile") || r.Findings[0].Rule != "base-image-untagged" {
		t.Errorf("findings = %+v, want the good file's", r.Findings)
	}
	if len(r.Errors) != 1 || r.Errors[0].File != filepath.FromSlash("broken/Dockerfile") || r.Errors[0].Range == nil || r.Errors[0].Range.Start.Line != 2 {
		t.Errorf("errors = %+v, want broken/Dockerfile at line 2", r.Errors)
	}
	if r.Summary["files"] != 2 || r.Summary["file_errors"] != 1 || r.Summary["warnings"] != 1 {
		t.Errorf("summary = %v", r.Summary)
	}
}

func TestFormatToFile(t *testing.T) {
	dir := files(t, testTree)
	res := run(t, env{}, only, "--format", "json", "--format", "sarif=out/report.sarif", "warn", "info")
	// out/ does not exist: the report cannot be written.
	if res.code != 2 {
		t.Errorf("missing output directory: exit code %d, want 2", res.code)
	}
	res = run(t, env{}, only, "--format", "json", "--format", "sarif=report.sarif", "warn", "info")
	if res.code != 1 {
		t.Errorf("exit code %d, want 1; stderr %s", res.code, res.stderr)
	}
	r := decodeJSON(t, []byte(res.stdout))
	if len(r.Findings) != 2 {
		t.Errorf("json findings = %+v, want 2", r.Findings)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.sarif"))
	if err != nil {
		t.Fatalf("sarif file: %v", err)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatalf("sarif file is not JSON: %v", err)
	}
	if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 2 {
		t.Fatalf("sarif = %+v", sarif)
	}
	// Both reports describe the same findings.
	for i, res := range sarif.Runs[0].Results {
		if res.RuleID != r.Findings[i].Rule {
			t.Errorf("result %d: sarif rule %s, json rule %s", i, res.RuleID, r.Findings[i].Rule)
		}
		found := false
		for _, fp := range res.PartialFingerprints {
			found = found || fp == r.Findings[i].Fingerprint
		}
		if !found {
			t.Errorf("result %d: sarif fingerprints %v lack the json fingerprint %s", i, res.PartialFingerprints, r.Findings[i].Fingerprint)
		}
	}
}

func TestColor(t *testing.T) {
	files(t, testTree)
	tests := []struct {
		name  string
		e     env
		flags []string
		color bool
	}{
		{"terminal", env{terminal: true}, nil, true},
		{"not a terminal", env{}, nil, false},
		{"NO_COLOR on a terminal", env{terminal: true, vars: map[string]string{"NO_COLOR": "1"}}, nil, false},
		{"--no-color on a terminal", env{terminal: true}, []string{"--no-color"}, false},
		{"json on a terminal", env{terminal: true}, []string{"--format", "json"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{only}, tc.flags...), "warn", "info")
			res := run(t, tc.e, args...)
			if res.code != 1 {
				t.Errorf("exit code %d, want 1", res.code)
			}
			if got := strings.Contains(res.stdout, "\x1b["); got != tc.color {
				t.Errorf("ANSI escapes present = %v, want %v:\n%q", got, tc.color, res.stdout)
			}
			if !strings.Contains(res.stdout, "base-image-untagged") {
				t.Errorf("finding missing:\n%s", res.stdout)
			}
		})
	}
	// A report written to a file never has colour, even from a terminal.
	res := run(t, env{terminal: true}, only, "--format", "text=report.txt", "warn")
	data, err := os.ReadFile("report.txt")
	if err != nil || res.code != 1 {
		t.Fatalf("code %d, %v", res.code, err)
	}
	if bytes.Contains(data, []byte("\x1b[")) || !bytes.Contains(data, []byte("base-image-untagged")) {
		t.Errorf("text report file:\n%q", data)
	}
}

// copyInputs copies testdata/e2e/<scenario>/inputs into a temp dir and makes it the
// working directory. A file named "gitignore" becomes ".gitignore" (stored without the
// dot so that it does not apply to this repository).
func copyInputs(t *testing.T, scenario string) {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("testdata", "e2e", scenario, "inputs"))
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.Name() == "gitignore" {
			rel = filepath.Join(filepath.Dir(rel), ".gitignore")
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	repoRoot(t, dst)
	t.Chdir(dst)
}

func golden(t *testing.T, path string, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/cli -update` to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestGolden lints each testdata/e2e/<scenario>/inputs tree (as the working directory,
// so paths are relative) in every format and compares with want.txt, want.json and
// want.sarif.
func TestGolden(t *testing.T) {
	scenarios := []struct {
		name string
		code int
	}{
		{"mixed", 2},
		{"clean", 0},
	}
	for _, sc := range scenarios {
		for _, f := range []struct{ format, file string }{
			{"text", "want.txt"},
			{"json", "want.json"},
			{"sarif", "want.sarif"},
		} {
			t.Run(sc.name+"/"+f.format, func(t *testing.T) {
				wantPath, err := filepath.Abs(filepath.Join("testdata", "e2e", sc.name, f.file))
				if err != nil {
					t.Fatal(err)
				}
				copyInputs(t, sc.name)
				res := run(t, env{}, only, "--format", f.format)
				if res.code != sc.code {
					t.Errorf("exit code %d, want %d; stderr:\n%s", res.code, sc.code, res.stderr)
				}
				if res.stderr != "" {
					t.Errorf("stderr: %s", res.stderr)
				}
				golden(t, wantPath, res.stdout)
			})
		}
	}
}

// TestDeterminism lints the same tree with one worker and with eight: the JSON and
// SARIF reports are byte for byte the same.
func TestDeterminism(t *testing.T) {
	tree := map[string]string{}
	for i := range 24 {
		dir := fmt.Sprintf("svc%02d", i)
		switch i % 4 {
		case 0:
			tree[dir+"/Dockerfile"] = warnDF + "RUN apt-get install -y curl\nFROM ubuntu:latest\n"
		case 1:
			tree[dir+"/Dockerfile"] = infoDF
			tree[dir+"/Dockerfile.dev"] = warnDF
		case 2:
			tree[dir+"/Containerfile"] = cleanDF
		case 3:
			tree[dir+"/Dockerfile"] = brokenDF
		}
	}
	files(t, tree)
	for _, format := range []string{"json", "sarif", "text"} {
		one := run(t, env{}, only, "--format", format, "-j", "1")
		eight := run(t, env{}, only, "--format", format, "-j", "8")
		if one.code != 2 || eight.code != 2 {
			t.Errorf("%s: exit codes %d and %d, want 2", format, one.code, eight.code)
		}
		if !strings.Contains(one.stdout, "base-image-untagged") || !strings.Contains(one.stdout, "apt-get-no-install-recommends") {
			t.Fatalf("%s: findings missing:\n%s", format, one.stdout)
		}
		if one.stdout != eight.stdout {
			t.Errorf("%s: -j 1 and -j 8 differ:\n%s", format, cmp.Diff(one.stdout, eight.stdout))
		}
	}
}

func TestRulesCommand(t *testing.T) {
	res := run(t, env{}, "rules", "--format", "json")
	if res.code != 0 {
		t.Fatalf("exit code %d: %s", res.code, res.stderr)
	}
	var list []struct {
		ID       string   `json:"id"`
		Severity string   `json:"severity"`
		Aliases  []string `json:"aliases"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &list); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, res.stdout)
	}
	byID := map[string][]string{}
	for _, r := range list {
		if r.ID == "" || r.Severity == "" {
			t.Errorf("rule without id or severity: %+v", r)
		}
		byID[r.ID] = r.Aliases
	}
	for id, alias := range map[string]string{"base-image-untagged": "DL3007", "apt-get-no-install-recommends": "DL3015"} {
		aliases, ok := byID[id]
		if !ok {
			t.Errorf("%s not listed", id)
		} else if !strings.Contains(strings.Join(aliases, " "), alias) {
			t.Errorf("%s aliases %v lack %s", id, aliases, alias)
		}
	}

	text := run(t, env{}, "rules")
	if text.code != 0 || !regexp.MustCompile(`(?m)^ID\s+TARGET\s+SEVERITY`).MatchString(text.stdout) ||
		!regexp.MustCompile(`(?m)^base-image-untagged\s+dockerfile\s+warning\s+reliability\s+yes\s+Tag base images`).MatchString(text.stdout) {
		t.Errorf("rules (text), code %d:\n%s", text.code, text.stdout)
	}
	if bad := run(t, env{}, "rules", "--format", "yaml"); bad.code != 2 {
		t.Errorf("rules --format yaml: exit code %d, want 2", bad.code)
	}
}

func TestExplain(t *testing.T) {
	for _, name := range []string{"DL3015", "dl3015", "apt-get-no-install-recommends"} {
		res := run(t, env{}, "explain", name)
		if res.code != 0 {
			t.Fatalf("explain %s: exit code %d: %s", name, res.code, res.stderr)
		}
		for _, want := range []string{
			"# apt-get-no-install-recommends\n",
			"**Use apt-get install --no-install-recommends**",
			"`DL3015`",
			"## Bad example",
			"RUN sudo apt-get install -y vim", // from the rule's bad fixture
		} {
			if !strings.Contains(res.stdout, want) {
				t.Errorf("explain %s lacks %q:\n%s", name, want, res.stdout)
			}
		}
		if strings.Contains(res.stdout, "# want:") {
			t.Errorf("explain %s shows the fixtures' want comments", name)
		}
	}
	res := run(t, env{}, "explain", "nosuch")
	if res.code != 2 || !strings.Contains(res.stderr, `unknown rule "nosuch"`) {
		t.Errorf("explain nosuch: code %d, stderr %q", res.code, res.stderr)
	}
	res = run(t, env{}, "explain", "base-image-untaged")
	if res.code != 2 || !strings.Contains(res.stderr, "did you mean base-image-untagged") {
		t.Errorf("explain typo: code %d, stderr %q", res.code, res.stderr)
	}
	if res := run(t, env{}, "explain"); res.code != 2 {
		t.Errorf("explain without a rule: code %d", res.code)
	}
}

func TestParseCommand(t *testing.T) {
	files(t, testTree)
	res := run(t, env{}, "parse", "info/Dockerfile")
	if res.code != 0 {
		t.Fatalf("exit code %d: %s", res.code, res.stderr)
	}
	var doc struct {
		Kind         string `json:"kind"`
		Path         string `json:"path"`
		Instructions []struct {
			Cmd      string `json:"cmd"`
			Commands []struct {
				Name string   `json:"name"`
				Args []string `json:"args"`
			} `json:"commands"`
		} `json:"instructions"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, res.stdout)
	}
	if doc.Kind != "dockerfile" || doc.Path != filepath.FromSlash("info/Dockerfile") {
		t.Errorf("kind %q, path %q", doc.Kind, doc.Path)
	}
	if len(doc.Instructions) != 2 || len(doc.Instructions[1].Commands) != 1 ||
		!cmp.Equal(doc.Instructions[1].Commands[0].Args, []string{"install", "-y", "curl"}) {
		t.Errorf("instructions = %+v", doc.Instructions)
	}

	res = run(t, env{}, "parse", "broken/Dockerfile")
	if res.code != 2 || res.stdout != "" || !strings.Contains(res.stderr, "broken/Dockerfile:2:1: unterminated heredoc") {
		t.Errorf("parse broken: code %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "parse", "unknown/Dockerfile")
	if res.code != 2 || !strings.Contains(res.stdout, `"kind": "dockerfile"`) || !strings.Contains(res.stderr, "unknown instruction") {
		t.Errorf("parse with a bad instruction: code %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	if res := run(t, env{}, "parse", "nosuch"); res.code != 2 {
		t.Errorf("parse nosuch: code %d", res.code)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		res := run(t, env{}, args...)
		if res.code != 0 || !strings.HasPrefix(res.stdout, "infralint ") || strings.Count(res.stdout, "\n") != 1 {
			t.Errorf("%v: code %d, stdout %q", args, res.code, res.stdout)
		}
		if strings.TrimSpace(strings.TrimPrefix(res.stdout, "infralint ")) != cli.Version() {
			t.Errorf("%v printed %q, version is %q", args, res.stdout, cli.Version())
		}
	}
}

// TestUserPolicy: a --policy rule is listed, explained and run like a built-in one.
func TestUserPolicy(t *testing.T) {
	files(t, map[string]string{
		"policies/team/no_wget.rego": `# METADATA
# title: Do not use wget
# description: Use curl, which the base images have.
# custom:
#   severity: error
#   category: style
#   aliases: [TEAM002]
package infralint.rules.dockerfile["team-no-wget"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(cmd, "wget used") if {
	some [_, cmd] in df.commands
	cmd.name == "wget"
}
`,
		"app/Dockerfile": "FROM alpine:3.20\nRUN apk add curl && wget -q https://example.com/x\n",
	})
	res := run(t, env{}, "rules", "--policy", "policies")
	if res.code != 0 || !regexp.MustCompile(`(?m)^team-no-wget\s+dockerfile\s+error\s+style\s+yes\s+Do not use wget$`).MatchString(res.stdout) {
		t.Errorf("rules --policy: code %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "explain", "--policy", "policies", "team002")
	if res.code != 0 || !strings.Contains(res.stdout, "# team-no-wget\n") {
		t.Errorf("explain --policy: code %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "--policy", "policies", "--only", "TEAM002", "app")
	want := "app/Dockerfile:2:21: error [team-no-wget] wget used  (stage 0)\n"
	if res.code != 1 || !strings.HasPrefix(res.stdout, filepath.FromSlash(want)) {
		t.Errorf("lint --policy: code %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
	res = run(t, env{}, "--policy", "nosuch", "app")
	if res.code != 2 || !strings.Contains(res.stderr, "nosuch") {
		t.Errorf("--policy nosuch: code %d, stderr %q", res.code, res.stderr)
	}
}
