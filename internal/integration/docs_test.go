package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/internal/testutil"
)

// TestWorkflowExampleInDocs: the workflow docs/integrations.md shows is the file
// actionlint checks in CI, word for word.
func TestWorkflowExampleInDocs(t *testing.T) {
	dir := testutil.Root(t)
	example, err := os.ReadFile(filepath.Join(dir, "docs", "examples", "github-code-scanning.yml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(dir, "docs", "integrations.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```yaml\n"+string(example)+"```\n") {
		t.Error("docs/integrations.md does not show docs/examples/github-code-scanning.yml as it is: copy the file into the doc")
	}
}

// TestScriptsShellcheck runs shellcheck on the repository's shell scripts: the
// benchmark suite and what CI runs.
func TestScriptsShellcheck(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Skip("shellcheck is not on PATH")
	}
	root := testutil.Root(t)
	scripts, err := filepath.Glob(filepath.Join(root, "scripts", "*.sh"))
	if err != nil {
		t.Fatal(err)
	}
	scripts = append(scripts, filepath.Join(root, ".ci", "run"))
	for _, script := range scripts {
		if out, code := run(t, ".", nil, "shellcheck", "--shell=bash", script); code != 0 {
			t.Errorf("%s:\n%s", script, out)
		}
	}
}

// TestActionScriptsShellcheck runs shellcheck on the action's run: steps, which
// actionlint (it checks workflows' own steps) does not reach.
func TestActionScriptsShellcheck(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Skip("shellcheck is not on PATH")
	}
	data, err := os.ReadFile(filepath.Join(testutil.Root(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	for i, st := range action.Runs.Steps {
		if st.Run == "" {
			continue
		}
		script := filepath.Join(t.TempDir(), "step.sh")
		if err := os.WriteFile(script, []byte(expression.ReplaceAllString(st.Run, "EXPR")), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, code := run(t, ".", nil, "shellcheck", "--shell=bash", script); code != 0 {
			t.Errorf("step %d (%s):\n%s", i, st.Name, out)
		}
	}
}
