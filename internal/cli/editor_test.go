package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/cli"
)

// runStdin runs infralint with text on standard input.
func runStdin(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	s := cli.Streams{
		In: strings.NewReader(stdin), Out: &out, Err: &errb,
		Getenv:     func(string) string { return "" },
		IsTerminal: func() bool { return false },
	}
	root := cli.NewRoot(s)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	code, show := cli.ExitCode(err)
	if show && err != nil {
		fmt.Fprintln(&errb, "infralint:", err)
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// TestStdin: an unsaved buffer is linted as the file it names: the kind from the
// name, the configuration from its directory, findings under its name.
func TestStdin(t *testing.T) {
	dir := files(t, map[string]string{
		"svc/Dockerfile":      cleanDF, // on disk: clean; the buffer is not
		"svc/.infralint.yaml": "rules:\n  base-image-untagged: error\n",
		"other/Dockerfile":    cleanDF,
		"k8s/notes.yaml":      "on: push\n",
		"chart/Chart.yaml":    "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"chart/values.yaml":   "tag: latest\n",
		"chart/templates/d.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n" +
			"        - name: web\n          image: \"nginx:{{ .Values.tag }}\"\n",
	})
	_ = dir

	r := runStdin(t, warnDF, "--stdin", "--stdin-filename", "svc/Dockerfile", "--format", "json", only)
	if r.code != 1 || !strings.Contains(r.stdout, `"file": "svc/Dockerfile"`) || !strings.Contains(r.stdout, `"severity": "error"`) {
		t.Errorf("buffer with svc's configuration (base-image-untagged: error): code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Elsewhere, the default severity: the configuration is found from the buffer's
	// directory, not the working directory.
	r = runStdin(t, warnDF, "--stdin", "--stdin-filename", "other/Dockerfile", "--format", "json", only)
	if r.code != 1 || !strings.Contains(r.stdout, `"severity": "warning"`) {
		t.Errorf("buffer in other/: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The default name is Dockerfile.
	if r := runStdin(t, cleanDF, "--stdin", only); r.code != 0 || r.stdout != "no problems in 1 file\n" {
		t.Errorf("clean buffer: %+v", r)
	}
	// A YAML buffer that is no manifest: an error as a named file, nothing with
	// --changed-files (an editor's or a hook's way).
	if r := runStdin(t, "on: push\n", "--stdin", "--stdin-filename", "k8s/notes.yaml", "--changed-files"); r.code != 0 || r.stdout != "no problems in 0 files\n" {
		t.Errorf("unknown buffer with --changed-files: %+v", r)
	}
	// A chart's template: the chart is rendered from disk, findings are the template's.
	r = runStdin(t, "ignored", "--stdin", "--stdin-filename", "chart/templates/d.yaml", "--only", "image-tag-latest")
	if r.code != 1 || !strings.Contains(r.stdout, "chart/templates/d.yaml:10:") {
		t.Errorf("chart template buffer: %+v", r)
	}
	for _, args := range [][]string{
		{"--stdin-filename", "x/Dockerfile"},
		{"--stdin", "svc/Dockerfile"},
	} {
		if r := runStdin(t, "", args...); r.code != 2 {
			t.Errorf("%v: code %d, want 2 (usage)", args, r.code)
		}
	}
}

// TestChangedFiles is pre-commit's call: every changed file is named; files of a
// chart lint the chart once; files no walk would lint are skipped.
func TestChangedFiles(t *testing.T) {
	files(t, map[string]string{
		"Dockerfile":                  warnDF,
		".github/workflows/ci.yml":    "on: push\njobs: {}\n",
		".pre-commit-config.yaml":     "repos: []\n",
		"chart/Chart.yaml":            "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"chart/values.yaml":           "tag: \"1.0\"\n",
		"chart/templates/d.yaml":      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  tag: {{ .Values.tag | quote }}\n",
		"chart/templates/_helper.tpl": "{{- define \"x\" -}}{{- end -}}\n",
	})
	args := []string{"--changed-files", only, "Dockerfile", ".github/workflows/ci.yml", ".pre-commit-config.yaml", "chart/values.yaml", "chart/templates/d.yaml", "chart/templates/_helper.tpl"}
	r := run(t, env{}, args...)
	// Five files: the Dockerfile and the chart's four.
	if r.code != 1 || !strings.Contains(r.stdout, "Dockerfile:1:6: warning [base-image-untagged]") || !strings.Contains(r.stdout, "in 1 of 5 files") {
		t.Errorf("changed files: %+v", r)
	}
	// Without the flag, the workflow file is read as a manifest: an error.
	if r := run(t, env{}, only, "Dockerfile", ".github/workflows/ci.yml"); r.code != 2 {
		t.Errorf("without --changed-files: %+v", r)
	}
}

// TestCIFormats runs each CI format end to end.
func TestCIFormats(t *testing.T) {
	files(t, testTree)
	for format, want := range map[string]string{
		"github":      "::warning file=warn/Dockerfile,line=1,endLine=1,col=6,endColumn=11,title=base-image-untagged%3A ",
		"checkstyle":  `<file name="warn/Dockerfile">`,
		"junit":       `<testcase name="base-image-untagged at line 1, column 6" classname="warn/Dockerfile" file="warn/Dockerfile" line="1">`,
		"codeclimate": `"check_name": "base-image-untagged"`,
		"gitlab":      `"path": "warn/Dockerfile"`,
	} {
		r := run(t, env{}, "--format", format, only, "warn", "clean")
		if r.code != 1 || !strings.Contains(r.stdout, want) {
			t.Errorf("%s: code %d, output lacks %q:\n%s%s", format, r.code, want, r.stdout, r.stderr)
		}
	}
	// Several at once, to files, as the GitHub Action runs it.
	r := run(t, env{}, "--format", "github", "--format", "sarif=infralint.sarif", only, "warn")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "::warning ") {
		t.Errorf("github + sarif: %+v", r)
	}
	data, err := os.ReadFile("infralint.sarif")
	if err == nil && !strings.Contains(string(data), `"automationDetails"`) {
		err = fmt.Errorf("no automationDetails in %s", data)
	}
	if err != nil {
		t.Error(err)
	}
}
