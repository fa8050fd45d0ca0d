package cli_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// crossTree is a Compose project whose services are built: from a Dockerfile in the
// project, from an inline Dockerfile, from a Dockerfile that does not exist and from
// one outside the project directory (which must not be read).
var crossTree = map[string]string{
	"app/compose.yaml": `services:
  web:
    build: ./web
    ports:
      - "127.0.0.1:8080:80"
    user: root
  inline:
    build:
      dockerfile_inline: |
        FROM alpine:3.21
        EXPOSE 9000
    expose:
      - "9001"
  missing:
    image: example.com/missing:1.0
    build: ./nope
  outside:
    build:
      context: ../elsewhere
`,
	"app/web/Dockerfile":   "FROM node\nUSER node\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
	"elsewhere/Dockerfile": "FROM alpine\n",
}

// crossOnly keeps the run to the cross rules and one Dockerfile rule, so rules added
// later do not change the test.
const crossOnly = "--only=build-healthcheck-missing,build-port-not-exposed,build-user-root-override,base-image-untagged,build-dockerfile-missing"

type crossReport struct {
	Findings []struct {
		Rule    string     `json:"rule"`
		File    string     `json:"file"`
		Range   crossRange `json:"range"`
		Message string     `json:"message"`
		Related []struct {
			File  string     `json:"file"`
			Range crossRange `json:"range"`
		} `json:"related"`
	} `json:"findings"`
	Errors []struct {
		File    string      `json:"file"`
		Range   *crossRange `json:"range"`
		Message string      `json:"message"`
	} `json:"errors"`
	Summary struct {
		Files int `json:"files"`
	} `json:"summary"`
}

type crossRange struct {
	Start struct{ Line, Column int } `json:"start"`
}

// TestComposeBuildsLintTheirDockerfiles: a Compose project's build Dockerfile is linted
// in the same run, once, whether it is named, discovered or only linked; the cross
// rules point at the Compose line with the Dockerfile line as related location; a
// missing Dockerfile is a finding at the build key and one outside the project an
// error there; and the output does not depend on the number of workers.
func TestComposeBuildsLintTheirDockerfiles(t *testing.T) {
	files(t, crossTree)
	runJSON := func(args ...string) ([]byte, crossReport) {
		t.Helper()
		res := run(t, env{}, append([]string{crossOnly, "--format", "json", "--fail-on", "none"}, args...)...)
		if res.code != 2 {
			t.Fatalf("%v: exit %d, want 2 (a build Dockerfile outside the project); stderr:\n%s", args, res.code, res.stderr)
		}
		var rep crossReport
		if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, res.stdout)
		}
		return []byte(res.stdout), rep
	}

	base, rep := runJSON("-j", "1", filepath.Join("app", "compose.yaml"))
	for _, args := range [][]string{
		{"-j", "8", filepath.Join("app", "compose.yaml")},
		{"-j", "1", filepath.Join("app", "compose.yaml"), filepath.Join("app", "web", "Dockerfile")}, // named too: not twice
		{"-j", "8", filepath.Join("app", "web", "Dockerfile"), filepath.Join("app", "compose.yaml")},
		{"-j", "1", "app"}, // discovered
		{"-j", "8", "app"},
	} {
		out, _ := runJSON(args...)
		if string(out) != string(base) {
			t.Errorf("%v differs from -j 1 app/compose.yaml:\n%s", args, firstDifference(base, out))
		}
	}
	if rep.Summary.Files != 2 {
		t.Errorf("summary counts %d files, want 2 (compose.yaml and web/Dockerfile)", rep.Summary.Files)
	}

	compose := filepath.Join("app", "compose.yaml")
	dockerfile := filepath.Join("app", "web", "Dockerfile")
	type want struct {
		rule, file  string
		line        int
		msg         string
		relFile     string
		relLine     int
		relRequired bool
	}
	for _, w := range []want{
		// The Dockerfile's own rules ran on it, though the command line did not name it.
		{rule: "base-image-untagged", file: dockerfile, line: 1},
		{"build-port-not-exposed", compose, 5, "container port 80/tcp", dockerfile, 3, true},
		{"build-user-root-override", compose, 6, "overriding USER node", dockerfile, 2, true},
		{"build-healthcheck-missing", compose, 3, `service "web"`, dockerfile, 1, true},
		// The inline Dockerfile's lines are located inside the block scalar.
		{"build-port-not-exposed", compose, 13, "container port 9001/tcp", compose, 11, true},
		{"build-healthcheck-missing", compose, 8, "the inline Dockerfile", compose, 10, true},
		// A build whose Dockerfile does not exist: the Compose file was read, so this is
		// a finding, not an error.
		{rule: "build-dockerfile-missing", file: compose, line: 16, msg: "nope/Dockerfile, which does not exist"},
	} {
		n := 0
		for _, f := range rep.Findings {
			if f.Rule != w.rule || f.File != w.file || f.Range.Start.Line != w.line || !strings.Contains(f.Message, w.msg) {
				continue
			}
			n++
			if w.relRequired && !slices.ContainsFunc(f.Related, func(r struct {
				File  string     `json:"file"`
				Range crossRange `json:"range"`
			}) bool {
				return r.File == w.relFile && r.Range.Start.Line == w.relLine
			}) {
				t.Errorf("%s at %s:%d: related %+v, want %s:%d", w.rule, w.file, w.line, f.Related, w.relFile, w.relLine)
			}
		}
		if n != 1 {
			t.Errorf("%d findings %s at %s:%d %q, want 1; findings:\n%s", n, w.rule, w.file, w.line, w.msg, describe(rep))
		}
	}
	for _, f := range rep.Findings {
		if strings.Contains(filepath.ToSlash(f.File), "elsewhere") {
			t.Errorf("a Dockerfile outside the project directory was linted: %+v", f)
		}
	}

	// The build with a Dockerfile outside the project: an error at the build key.
	for _, w := range []struct {
		line int
		msg  string
	}{{18, "outside the project directory"}} {
		i := slices.IndexFunc(rep.Errors, func(e struct {
			File    string      `json:"file"`
			Range   *crossRange `json:"range"`
			Message string      `json:"message"`
		}) bool {
			return e.File == compose && strings.Contains(e.Message, w.msg)
		})
		switch {
		case i < 0:
			t.Errorf("no error %q in %+v", w.msg, rep.Errors)
		case rep.Errors[i].Range == nil || rep.Errors[i].Range.Start.Line != w.line:
			t.Errorf("error %q at %+v, want line %d", w.msg, rep.Errors[i].Range, w.line)
		}
	}
	if len(rep.Errors) != 1 {
		t.Errorf("%d errors, want 1: %+v", len(rep.Errors), rep.Errors)
	}
}

func describe(rep crossReport) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "  %s:%d %s %s\n", f.File, f.Range.Start.Line, f.Rule, f.Message)
	}
	return b.String()
}

// TestSharedBuildDockerfileLintedOnce: two Compose projects that build the same
// Dockerfile, which the command line does not name: it is linted once, counted once,
// and the output is the same whichever project's worker reaches it first.
func TestSharedBuildDockerfileLintedOnce(t *testing.T) {
	files(t, map[string]string{
		"app/compose.yaml":       "services:\n  web:\n    build: ./web\n",
		"app/docker-compose.yml": "services:\n  web:\n    build:\n      context: ./web\n",
		"app/web/Dockerfile":     "FROM node\nCMD [\"node\", \"server.js\"]\n",
	})
	var first string
	for _, jobs := range []string{"1", "8", "8", "1"} {
		res := run(t, env{}, crossOnly, "--format", "json", "--fail-on", "none", "-j", jobs,
			filepath.Join("app", "compose.yaml"), filepath.Join("app", "docker-compose.yml"))
		if res.code != 0 {
			t.Fatalf("-j %s: exit %d; stderr:\n%s", jobs, res.code, res.stderr)
		}
		if first == "" {
			first = res.stdout
		} else if res.stdout != first {
			t.Errorf("-j %s differs:\n%s", jobs, firstDifference([]byte(first), []byte(res.stdout)))
		}
	}
	var rep crossReport
	if err := json.Unmarshal([]byte(first), &rep); err != nil {
		t.Fatal(err)
	}
	n, cross := 0, 0
	for _, f := range rep.Findings {
		switch {
		case f.Rule == "base-image-untagged" && f.File == filepath.Join("app", "web", "Dockerfile"):
			n++
		case f.Rule == "build-healthcheck-missing":
			cross++
		}
	}
	if n != 1 || cross != 2 || rep.Summary.Files != 3 {
		t.Errorf("%d Dockerfile findings (want 1), %d cross findings (want one per project), %d files (want 3):\n%s",
			n, cross, rep.Summary.Files, describe(rep))
	}
}
