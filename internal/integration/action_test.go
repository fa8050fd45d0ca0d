package integration

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/internal/testutil"
)

// actionFile is the part of an action's metadata (action.yml) a composite action's
// runner reads.
type actionFile struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Default  string `yaml:"default"`
		Required bool   `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

// actionRun is what one run of the action left behind.
type actionRun struct {
	outputs map[string]string            // the action's outputs, evaluated
	summary string                       // GITHUB_STEP_SUMMARY, all steps
	log     string                       // the steps' standard output and error
	failed  bool                         // a step exited non-zero (the later ones did not run)
	steps   map[string]map[string]string // step ID → its outputs
}

// cacheAction matches the steps the harness runs in place of actions/cache's restore
// and save actions, pinned to a commit as every action is.
var cacheAction = regexp.MustCompile(`^actions/cache/(restore|save)@[0-9a-f]{40}$`)

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// runAction runs action.yml's steps as GitHub's runner runs a composite action: each
// `run:` step with `bash --noprofile --norc -eo pipefail` in the workspace, with the
// variables a runner sets (GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP, a
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file per step, INPUT_*), `${{ inputs.* }}`
// and `${{ steps.*.outputs.* }}` expressions evaluated, and each step's outputs read
// back from its GITHUB_OUTPUT file. runnerTemp is RUNNER_TEMP, shared by the runs of
// one job. A step's `if:` may compare expressions with == or != and join the
// comparisons with &&. The only `uses:` steps are actions/cache/restore and save,
// which the harness plays with cacheStore as the Actions cache (one directory per key;
// "" is a runner without the cache service: nothing restored, nothing saved). An
// expression of any other form fails the test, so the harness never silently differs
// from the runner.
func runAction(t *testing.T, actionPath, workspace, runnerTemp, cacheStore string, with map[string]string) actionRun {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(actionPath, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q, want composite", action.Runs.Using)
	}
	inputs := map[string]string{}
	for name, in := range action.Inputs {
		inputs[name] = in.Default
	}
	for name, v := range with {
		if _, ok := action.Inputs[name]; !ok {
			t.Fatalf("input %q is not declared in action.yml", name)
		}
		inputs[name] = v
	}
	steps := map[string]map[string]string{} // step ID → outputs
	eval := func(s string) string {
		return expression.ReplaceAllStringFunc(s, func(m string) string {
			expr := expression.FindStringSubmatch(m)[1]
			parts := strings.Split(expr, ".")
			switch {
			case len(parts) == 2 && parts[0] == "inputs":
				return inputs[parts[1]]
			case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
				return steps[parts[1]][parts[3]]
			}
			t.Fatalf("the harness does not evaluate ${{ %s }}", expr)
			return ""
		})
	}
	// cond evaluates an if: of the form `A == 'a' && B != 'b'`. GitHub compares
	// strings ignoring case.
	cond := func(s string) bool {
		for _, c := range strings.Split(s, "&&") {
			op := "=="
			if strings.Contains(c, "!=") {
				op = "!="
			}
			left, right, _ := strings.Cut(c, op)
			right = strings.TrimSpace(right)
			if len(right) < 2 || right[0] != '\'' || right[len(right)-1] != '\'' {
				t.Fatalf("the harness does not evaluate if: %s", s)
			}
			equal := strings.EqualFold(eval("${{ "+strings.TrimSpace(left)+" }}"), right[1:len(right)-1])
			if equal != (op == "==") {
				return false
			}
		}
		return true
	}

	temp := t.TempDir()
	run := actionRun{outputs: map[string]string{}, steps: steps}
	var summary, log strings.Builder
	for i, st := range action.Runs.Steps {
		if st.If != "" && !cond(st.If) {
			fmt.Fprintf(&log, "== step %d: %s (skipped)\n", i, st.Name)
			continue
		}
		if st.Uses != "" {
			m := cacheAction.FindStringSubmatch(st.Uses)
			if m == nil {
				t.Fatalf("step %d (%s): the harness plays only actions/cache/restore and save, not %s", i, st.Name, st.Uses)
			}
			out := playCache(t, cacheStore, m[1], eval(st.With["key"]), eval(st.With["path"]))
			fmt.Fprintf(&log, "== step %d: %s (cache-hit %s)\n", i, st.Name, out["cache-hit"])
			if st.ID != "" {
				steps[st.ID] = out
			}
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %d (%s): shell %q, want bash (the harness runs bash, as the runner does for shell: bash)", i, st.Name, st.Shell)
		}
		stepDir := filepath.Join(temp, "step"+strconv.Itoa(i))
		if err := os.MkdirAll(stepDir, 0o755); err != nil {
			t.Fatal(err)
		}
		script := filepath.Join(stepDir, "script.sh")
		if err := os.WriteFile(script, []byte(eval(st.Run)), 0o644); err != nil {
			t.Fatal(err)
		}
		outFile, sumFile := filepath.Join(stepDir, "output"), filepath.Join(stepDir, "summary")
		for _, f := range []string{outFile, sumFile} {
			if err := os.WriteFile(f, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		env := append(os.Environ(),
			"CI=true", "GITHUB_ACTIONS=true",
			"GITHUB_WORKSPACE="+workspace,
			"GITHUB_ACTION_PATH="+actionPath,
			"GITHUB_OUTPUT="+outFile,
			"GITHUB_STEP_SUMMARY="+sumFile,
			"GITHUB_ENV="+filepath.Join(stepDir, "env"),
			"GITHUB_PATH="+filepath.Join(stepDir, "path"),
			"GITHUB_RUN_ID=1", "GITHUB_EVENT_NAME=pull_request",
			"RUNNER_TEMP="+runnerTemp,
			"RUNNER_OS=Linux",
		)
		for name, v := range inputs {
			env = append(env, "INPUT_"+strings.ToUpper(strings.ReplaceAll(name, " ", "_"))+"="+v)
		}
		for k, v := range st.Env {
			env = append(env, k+"="+eval(v))
		}
		dir := workspace
		if st.WorkingDirectory != "" {
			dir = filepath.Join(workspace, eval(st.WorkingDirectory))
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		fmt.Fprintf(&log, "== step %d: %s\n%s", i, st.Name, out)
		if st.ID != "" {
			steps[st.ID] = readOutputs(t, outFile)
		}
		sum, _ := os.ReadFile(sumFile)
		summary.Write(sum)
		if err != nil {
			var exitErr *exec.ExitError
			if !errors.As(err, &exitErr) {
				t.Fatalf("step %d: %v", i, err)
			}
			run.failed = true
			break // the runner skips the remaining steps
		}
	}
	for name, o := range action.Outputs {
		run.outputs[name] = eval(o.Value)
	}
	run.summary, run.log = summary.String(), log.String()
	return run
}

// playCache does what actions/cache/restore or save does, with store as the cache:
// restore copies the directory saved under key to path; save copies path under key,
// unless the key is taken (the cache's entries are immutable). It returns the
// restore's cache-hit output.
func playCache(t *testing.T, store, op, key, path string) map[string]string {
	t.Helper()
	if key == "" || path == "" || strings.ContainsAny(key, "/\\") {
		t.Fatalf("actions/cache/%s: key %q, path %q", op, key, path)
	}
	if store == "" {
		return map[string]string{"cache-hit": "false"}
	}
	entry := filepath.Join(store, key)
	_, err := os.Stat(entry)
	saved := err == nil
	switch {
	case op == "restore" && saved:
		if err := os.CopyFS(path, os.DirFS(entry)); err != nil {
			t.Fatalf("actions/cache/restore: %v", err)
		}
		return map[string]string{"cache-hit": "true"}
	case op == "save" && !saved:
		if err := os.CopyFS(entry, os.DirFS(path)); err != nil {
			t.Fatalf("actions/cache/save: %v", err)
		}
	}
	return map[string]string{"cache-hit": "false"}
}

// readOutputs reads a GITHUB_OUTPUT file: name=value lines, and name<<DELIMITER
// blocks for values with newlines.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() //nolint:errcheck // read-only
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var lines []string
			for sc.Scan() && sc.Text() != delim {
				lines = append(lines, sc.Text())
			}
			out[name] = strings.Join(lines, "\n")
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: line %q is neither name=value nor name<<DELIMITER", path, line)
		}
		out[name] = value
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAction runs the GitHub Action's steps on a workspace with a bad and a good
// Dockerfile, and checks what a workflow gets: annotations in the log, the SARIF file
// and the finding count as outputs, a step summary, and the step's failure.
func TestAction(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not on PATH")
	}
	if testing.Short() {
		t.Skip("builds infralint with go install: not in -short")
	}
	actionPath := testutil.Root(t)
	workspace, runnerTemp := t.TempDir(), t.TempDir()
	write(t, workspace, map[string]string{
		"bad/Dockerfile":     badDockerfile,
		"good/Dockerfile":    goodDockerfile,
		"good/.dockerignore": "*\n!app\n",
	})

	run := runAction(t, actionPath, workspace, runnerTemp, "", map[string]string{"sarif-file": "reports/infralint.sarif"})
	if !run.failed || run.outputs["exit-code"] != "1" {
		t.Errorf("a warning with the default fail-on must fail the step: failed %v, exit-code %q\n%s", run.failed, run.outputs["exit-code"], run.log)
	}
	if !strings.Contains(run.log, "::warning file=bad/Dockerfile,line=1,endLine=1,col=6,") {
		t.Errorf("no annotation for the bad Dockerfile in the log:\n%s", run.log)
	}
	if strings.Contains(run.log, "file=good/Dockerfile") {
		t.Errorf("an annotation for the good Dockerfile:\n%s", run.log)
	}
	sarifPath := run.outputs["sarif-file"]
	if want := filepath.Join(workspace, "reports", "infralint.sarif"); sarifPath != want {
		t.Errorf("output sarif-file = %q, want %q", sarifPath, want)
	}
	var sarif struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if data, err := os.ReadFile(sarifPath); err != nil {
		t.Errorf("SARIF file: %v", err)
	} else if err := json.Unmarshal(data, &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Errorf("SARIF file: %v, %d runs", err, len(sarif.Runs))
	} else {
		n, _ := strconv.Atoi(run.outputs["findings"])
		if n == 0 || n != len(sarif.Runs[0].Results) {
			t.Errorf("output findings = %q, SARIF has %d results", run.outputs["findings"], len(sarif.Runs[0].Results))
		}
		for _, r := range sarif.Runs[0].Results {
			if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "bad/Dockerfile" {
				t.Errorf("result %s at %q, want bad/Dockerfile (relative to the workspace)", r.RuleID, uri)
			}
		}
		if sarif.Runs[0].AutomationDetails.ID != "infralint/" {
			t.Errorf("automationDetails.id = %q", sarif.Runs[0].AutomationDetails.ID)
		}
	}
	for _, want := range []string{"### infralint", "in 1 of 2 files", badFinding, "SARIF log: `reports/infralint.sarif`"} {
		if !strings.Contains(run.summary, want) {
			t.Errorf("step summary lacks %q:\n%s", want, run.summary)
		}
	}

	// Only the good Dockerfile, another format, no SARIF: the step passes.
	run = runAction(t, actionPath, workspace, runnerTemp, "", map[string]string{"paths": "good", "format": "text", "sarif-file": ""})
	if run.failed || run.outputs["findings"] != "0" || run.outputs["sarif-file"] != "" || run.outputs["exit-code"] != "0" {
		t.Errorf("good Dockerfile: failed %v, outputs %v\n%s", run.failed, run.outputs, run.log)
	}
	if !strings.Contains(run.log, "no problems in 1 file") || !strings.Contains(run.summary, "no problems in 1 file") {
		t.Errorf("good Dockerfile: log or summary lacks the clean summary line:\n%s\n%s", run.log, run.summary)
	}

	// fail-on none: findings are reported and counted, the step passes (code
	// scanning decides).
	run = runAction(t, actionPath, workspace, runnerTemp, "", map[string]string{"fail-on": "none", "args": "--only base-image-untagged"})
	if run.failed || run.outputs["findings"] != "1" {
		t.Errorf("fail-on none: failed %v, outputs %v\n%s", run.failed, run.outputs, run.log)
	}

	// A usage error: exit code 2, no SARIF file claimed.
	run = runAction(t, actionPath, workspace, runnerTemp, "", map[string]string{"fail-on": "sometimes"})
	if !run.failed || run.outputs["exit-code"] != "2" || run.outputs["sarif-file"] != "" {
		t.Errorf("bad fail-on: failed %v, outputs %v\n%s", run.failed, run.outputs, run.log)
	}
}

// TestActionCache runs the action as three jobs sharing one Actions cache: the first
// builds infralint and saves the build although its lint step fails on a finding, the
// second restores it instead of building, and with cache: false the third builds
// without touching the cache.
func TestActionCache(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not on PATH")
	}
	if testing.Short() {
		t.Skip("builds infralint with go install: not in -short")
	}
	actionPath, workspace, store := testutil.Root(t), t.TempDir(), t.TempDir()
	write(t, workspace, map[string]string{"Dockerfile": badDockerfile})
	job := func(with map[string]string) actionRun {
		return runAction(t, actionPath, workspace, t.TempDir(), store, with)
	}
	entries := func() []string {
		des, err := os.ReadDir(store)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, de := range des {
			names = append(names, de.Name())
		}
		return names
	}

	first := job(nil)
	key := first.steps["resolve"]["key"]
	wantKey := regexp.MustCompile(`^infralint-[0-9a-f]{16}-go[0-9a-z.]+-` + runtime.GOOS + `-` + runtime.GOARCH + `$`)
	if !wantKey.MatchString(key) {
		t.Errorf("cache key %q does not match %s", key, wantKey)
	}
	if !first.failed || !strings.Contains(first.log, "building infralint (action)") {
		t.Errorf("first job: want a build and a failed lint step (a warning)\n%s", first.log)
	}
	if got := entries(); len(got) != 1 || got[0] != key {
		t.Fatalf("after the first job the cache holds %q, want the build under %q (saved before the lint step fails)\n%s", got, key, first.log)
	}

	second := job(nil)
	if second.steps["resolve"]["key"] != key {
		t.Errorf("second job's key %q, want the first's %q: the same files must give the same key", second.steps["resolve"]["key"], key)
	}
	if !strings.Contains(second.log, "infralint restored from the cache") || strings.Contains(second.log, "building infralint") {
		t.Errorf("second job: want the build restored, not rebuilt\n%s", second.log)
	}
	if second.outputs["findings"] == "0" || second.outputs["findings"] != first.outputs["findings"] {
		t.Errorf("findings: restored build %q, built %q", second.outputs["findings"], first.outputs["findings"])
	}

	third := job(map[string]string{"cache": "false"})
	if !strings.Contains(third.log, "building infralint (action)") || !strings.Contains(third.log, "Restore a cached build (skipped)") ||
		!strings.Contains(third.log, "Save the build to the cache (skipped)") {
		t.Errorf("cache false: want a build and both cache steps skipped\n%s", third.log)
	}
	if third.outputs["findings"] != first.outputs["findings"] {
		t.Errorf("findings with cache false: %q, want %q", third.outputs["findings"], first.outputs["findings"])
	}
}
