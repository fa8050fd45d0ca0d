// Package integration runs infralint the way its users do, with the real tools:
// pre-commit's try-repo against this checkout, the GitHub Action's steps in the
// environment a runner gives them, and an editor's JSON-RPC exchange with
// `infralint lsp`. Each test skips, saying why, when the tool it needs is absent.
package integration

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/infralint/infralint/internal/testutil"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
	buildOut  []byte
)

// binary builds cmd/infralint once for the package's tests and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "infralint-integration-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(buildDir, "infralint"), "./cmd/infralint")
		cmd.Dir = testutil.Root(t)
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build ./cmd/infralint: %v\n%s", buildErr, buildOut)
	}
	return filepath.Join(buildDir, "infralint")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// write writes files (path → content) under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	testutil.WriteFiles(t, dir, files)
}

// run runs a command in dir and returns its combined output and exit code; a command
// that cannot start fails the test.
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return out.String(), ee.ExitCode()
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String(), 0
}

// git runs git in dir with a fixed identity, failing the test on an error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	env := append(os.Environ(),
		"GIT_AUTHOR_NAME=infralint test", "GIT_AUTHOR_EMAIL=test@infralint.invalid",
		"GIT_COMMITTER_NAME=infralint test", "GIT_COMMITTER_EMAIL=test@infralint.invalid",
		"GIT_CONFIG_NOSYSTEM=1")
	out, code := run(t, dir, env, "git", append([]string{"-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"}, args...)...)
	if code != 0 {
		t.Fatalf("git %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// snapshot copies this checkout as it is on disk (tracked files and new ones that are
// not ignored, with their uncommitted changes) into a new repository with one commit,
// and returns its path: what pre-commit and the Action get when they check out a
// commit of this repository.
func snapshot(t *testing.T) string {
	t.Helper()
	src := testutil.Root(t)
	list := git(t, src, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	dst := filepath.Join(t.TempDir(), "infralint")
	for _, p := range strings.Split(strings.TrimRight(list, "\x00"), "\x00") {
		info, err := os.Lstat(filepath.Join(src, p))
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the working tree, or not a plain file
		}
		data, err := os.ReadFile(filepath.Join(src, p))
		if err != nil {
			t.Fatal(err)
		}
		full := filepath.Join(dst, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dst, "init", "-q")
	git(t, dst, "add", "-A")
	git(t, dst, "commit", "-q", "-m", "snapshot")
	return dst
}

// goEnv returns `go env NAME`.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// Dockerfiles every test lints: one with a warning at a known place, one clean under
// every rule that is on by default (with the .dockerignore beside it).
const (
	badDockerfile  = "FROM ubuntu:latest\nRUN apt-get update\n"
	goodDockerfile = "FROM gcr.io/distroless/static-debian12:nonroot@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" +
		"COPY --chown=65532:65532 app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n"
	// badFinding is how the text format reports the bad Dockerfile's base image.
	badFinding = "bad/Dockerfile:1:6: warning [base-image-untagged]"
)
