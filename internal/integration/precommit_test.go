package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreCommit runs the infralint hook of .pre-commit-hooks.yaml with pre-commit
// itself: `pre-commit try-repo` against a snapshot of this checkout, in a repository
// with a bad and a good Dockerfile. pre-commit builds the hook with `go install ./...`
// (language: golang), as it would for a user.
func TestPreCommit(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not on PATH (.ci/run installs it: apt-get install -y pre-commit)")
	}
	if testing.Short() {
		t.Skip("builds the hook with go install: not in -short")
	}
	hookRepo := snapshot(t)
	project := filepath.Join(t.TempDir(), "project")
	write(t, project, map[string]string{
		"bad/Dockerfile":           badDockerfile,
		"good/Dockerfile":          goodDockerfile,
		"good/.dockerignore":       "*\n!app\n",
		".github/workflows/ci.yml": "on: push\njobs: {}\n",
		"chart/Chart.yaml":         "apiVersion: v2\nname: web\ndescription: A web server\nversion: 0.1.0\n",
		"chart/values.yaml":        "# The image tag.\ntag: latest\n",
		"chart/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n" +
			"  template:\n    spec:\n      containers:\n        - name: web\n          image: \"nginx:{{ .Values.tag }}\"\n",
	})
	git(t, project, "init", "-q")
	git(t, project, "add", "-A")

	// pre-commit keeps its clones and environments here; the Go module cache is the
	// developer's, so building the hook downloads nothing already downloaded.
	// try-repo builds the hook anew in each call (a fresh store); -trimpath lets the
	// build cache serve this checkout's packages whatever directory they are in.
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit"),
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"),
		"GOFLAGS="+strings.TrimSpace(goEnv(t, "GOFLAGS")+" -trimpath"),
		"PRE_COMMIT_COLOR=never",
	)
	tryRepo := func(files ...string) (string, int) {
		t.Helper()
		args := append([]string{"try-repo", hookRepo, "infralint", "--verbose", "--files"}, files...)
		start := time.Now()
		defer func() {
			t.Logf("pre-commit try-repo … --files %s: %s", strings.Join(files, " "), time.Since(start).Round(time.Second))
		}()
		return run(t, project, env, "pre-commit", args...)
	}

	// The bad Dockerfile, and a changed values file: it lints the chart that uses it,
	// and the finding is where the value lands.
	out, code := tryRepo("bad/Dockerfile", "chart/values.yaml")
	if code != 1 || !strings.Contains(out, badFinding) || !strings.Contains(out, "Failed") {
		t.Fatalf("bad Dockerfile: exit %d, want 1 with the finding %q:\n%s", code, badFinding, out)
	}
	t.Logf("what the developer sees:\n%s", out)
	if !strings.Contains(out, "chart/templates/deployment.yaml:10:") || !strings.Contains(out, "[image-tag-latest]") {
		t.Errorf("chart values: want image-tag-latest in the chart's template:\n%s", out)
	}
	if strings.Contains(out, "good/Dockerfile") {
		t.Errorf("the good Dockerfile was linted though not named:\n%s", out)
	}

	// The good Dockerfile, with files the hook's patterns take that no walk would
	// lint (a workflow is YAML but no manifest): it passes.
	out, code = tryRepo("good/Dockerfile", "good/.dockerignore", ".github/workflows/ci.yml")
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("good Dockerfile and a workflow file: exit %d, want 0:\n%s", code, out)
	}
}
