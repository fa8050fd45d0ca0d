package cli_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// cacheTree adds to the mixed tree inputs whose results depend on files only their
// parse finds: a Compose project with a .env, an env_file, an extends file and a build whose
// Dockerfile the run lints, and a chart values set.
var cacheTree = map[string]string{
	"app/compose.yaml": "services:\n  api:\n    build: .\n    image: registry.example.com/api:${TAG}\n" +
		"    env_file: api.env\n    user: root\n    extends:\n      file: base.yaml\n      service: base\n",
	"app/base.yaml":  "services:\n  base:\n    network_mode: none\n",
	"app/.env":       "TAG=1.2.30\n",
	"app/api.env":    "LOG_LEVEL=info\n",
	"app/Dockerfile": "FROM alpine:3.20\nUSER app1\nEXPOSE 8080\n",
}

// old is the modification time the tree's files get: older than the start of any run,
// so the cache stores their results. A changed file keeps its size and gets the same
// time back: only its content tells it changed.
var old = time.Now().Add(-time.Hour).Truncate(time.Second)

func writeCacheTree(t *testing.T) {
	t.Helper()
	tree := map[string]string{}
	for p, s := range mixedTree {
		tree[p] = s
	}
	for p, b := range brokenTree {
		tree[p] = b.text
	}
	for p, s := range cacheTree {
		tree[p] = s
	}
	files(t, tree)
	ageAll(t)
}

func ageAll(t *testing.T) {
	t.Helper()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rewrite replaces from with to (the same length) in a file, keeping its time.
func rewrite(t *testing.T, path, from, to string) {
	t.Helper()
	if len(from) != len(to) {
		t.Fatalf("%q and %q differ in length", from, to)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(from)) {
		t.Fatalf("%s has no %q", path, from)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

var statsLine = regexp.MustCompile(`infralint: cache: (\d+) hits, (\d+) misses, \d+ bytes written\n`)

// lintCached runs infralint on the working directory with every format written to a
// file, and returns each format's output, standard error without the cache's
// statistics, and the cache's hits and misses.
func lintCached(t *testing.T, extra ...string) (map[string][]byte, string, [2]int) {
	t.Helper()
	return lintCachedPaths(t, append(extra, ".")...)
}

// lintCachedPaths is lintCached with the paths given in args.
func lintCachedPaths(t *testing.T, args ...string) (map[string][]byte, string, [2]int) {
	t.Helper()
	got, res := lintFormats(t, append([]string{"--fail-on", "none", "--cache-stats"}, args...)...)
	var stats [2]int
	stderr := res.stderr
	if m := statsLine.FindStringSubmatch(stderr); m != nil {
		stats[0], _ = strconv.Atoi(m[1])
		stats[1], _ = strconv.Atoi(m[2])
		stderr = statsLine.ReplaceAllString(stderr, "")
	}
	return got, stderr, stats
}

func sameOutputs(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	for f, w := range want {
		if !bytes.Equal(w, got[f]) {
			t.Errorf("%s: %s output differs:\n--- want\n%s\n--- got\n%s", what, f, w, got[f])
		}
	}
}

// TestCacheSameResults: a run that reads every result from the cache writes every
// format byte for byte as a run that computes them, and as a run without the cache;
// after a change to any file an input depends on (one named on the command line or
// one only its parse finds), the cached run again matches the uncached one.
func TestCacheSameResults(t *testing.T) {
	writeCacheTree(t)
	dir := t.TempDir()
	cached := func() (map[string][]byte, string, [2]int) { return lintCached(t, "--cache-dir", dir) }

	plain, plainErr, _ := lintCached(t, "--no-cache")
	cold, coldErr, coldStats := cached()
	if coldStats[0] != 0 || coldStats[1] == 0 {
		t.Fatalf("cold run: %d hits, %d misses; want only misses", coldStats[0], coldStats[1])
	}
	warm, warmErr, warmStats := cached()
	if warmStats[1] != 0 || warmStats[0] != coldStats[1] {
		t.Errorf("warm run: %d hits, %d misses; want %d hits, no miss", warmStats[0], warmStats[1], coldStats[1])
	}
	sameOutputs(t, "cold run against --no-cache", plain, cold)
	sameOutputs(t, "warm run against --no-cache", plain, warm)
	if coldErr != plainErr || warmErr != plainErr {
		t.Errorf("standard error differs:\n--no-cache: %s\ncold: %s\nwarm: %s", plainErr, coldErr, warmErr)
	}

	changes := []struct{ file, from, to string }{
		{"svc/api/Dockerfile", "USER root", "USER app1"},              // an input named by the walk
		{"app/.env", "TAG=1.2.30", "TAX=1.2.30"},                      // read by the Compose parse only
		{"app/base.yaml", "network_mode: none", "network_mode: host"}, // an extends file
		{"app/Dockerfile", "USER app1", "USER root"},                  // a Compose build's Dockerfile
		{"chart/values.yaml", "tag: latest", "tag: 1.2.30"},           // a chart's values file
		{"k8s/svc.yaml", "{app: other}", "{app: app}  "},              // one manifest of a directory set
	}
	before := plain
	for _, c := range changes {
		rewrite(t, c.file, c.from, c.to)
		want, wantErr, _ := lintCached(t, "--no-cache")
		got, gotErr, stats := cached()
		if bytes.Equal(want["json"], before["json"]) {
			t.Errorf("changing %s changed nothing: the test proves nothing", c.file)
		}
		if stats[1] < 1 {
			t.Errorf("after changing %s: no miss", c.file)
		}
		sameOutputs(t, "after changing "+c.file, want, got)
		if gotErr != wantErr {
			t.Errorf("after changing %s, standard error differs:\n%s\n%s", c.file, wantErr, gotErr)
		}
		again, _, stats := cached()
		sameOutputs(t, "warm again after changing "+c.file, want, again)
		if stats[1] != 0 {
			t.Errorf("warm again after changing %s: %d misses; want none", c.file, stats[1])
		}
		before = want
	}

	// A file that did not exist: the broken chart gets the value its template requires.
	if err := os.WriteFile("bad-chart/values.yaml", []byte("name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ageAll(t)
	want, _, _ := lintCached(t, "--no-cache")
	got, _, stats := cached()
	if bytes.Equal(want["json"], before["json"]) || stats[1] != 1 {
		t.Errorf("adding a values file: changed output %v, %d misses; want a change and 1 miss",
			!bytes.Equal(want["json"], before["json"]), stats[1])
	}
	sameOutputs(t, "after adding a values file", want, got)
}

// TestCacheProjectLintsItsDockerfile: a Compose project whose build names a Dockerfile
// the run does not lint otherwise lints it itself; which project does depends on the
// run, so such a project is not cached, and its results stay right.
func TestCacheProjectLintsItsDockerfile(t *testing.T) {
	writeCacheTree(t)
	dir := t.TempDir()
	args := []string{"--cache-dir", dir, "app/compose.yaml"}
	want, wantErr, _ := lintCachedPaths(t, append([]string{"--no-cache"}, args[2:]...)...)
	for i := range 2 {
		got, gotErr, stats := lintCachedPaths(t, args...)
		if stats != [2]int{0, 1} {
			t.Errorf("run %d: %d hits, %d misses; want 0, 1", i, stats[0], stats[1])
		}
		sameOutputs(t, "project linting its Dockerfile", want, got)
		if gotErr != wantErr {
			t.Errorf("standard error differs:\n%s\n%s", wantErr, gotErr)
		}
	}
	if !bytes.Contains(want["json"], []byte(`"file": "app/Dockerfile"`)) {
		t.Errorf("the project's Dockerfile was not linted:\n%s", want["json"])
	}
}

// TestCacheBuildContext: a Dockerfile's result depends on files beside and above it
// (its .dockerignore, one in a parent directory, the .git that bounds the search);
// creating any of them makes the cached result match the uncached one again.
func TestCacheBuildContext(t *testing.T) {
	files(t, map[string]string{"proj/svc/Dockerfile": "FROM alpine:3.20\nCOPY . /app\nUSER app\n"})
	ageAll(t)
	dir := t.TempDir()
	steps := []struct {
		what string
		make func() error
	}{
		{"start", func() error { return nil }},
		{"a .dockerignore above", func() error { return os.WriteFile("proj/.dockerignore", []byte("*.md\n"), 0o644) }},
		{"a .git between", func() error { return os.Mkdir("proj/svc/.git", 0o755) }},
		{"its own ignore file", func() error {
			return os.WriteFile("proj/svc/Dockerfile.dockerignore", []byte("*.md\n"), 0o644)
		}},
	}
	var before map[string][]byte
	for _, s := range steps {
		if err := s.make(); err != nil {
			t.Fatal(err)
		}
		ageAll(t)
		want, _, _ := lintCached(t, "--no-cache")
		got, _, stats := lintCached(t, "--cache-dir", dir)
		if before != nil && bytes.Equal(want["json"], before["json"]) {
			t.Errorf("%s: changed nothing: the test proves nothing", s.what)
		}
		if stats[1] != 1 {
			t.Errorf("%s: %d misses, want 1", s.what, stats[1])
		}
		sameOutputs(t, s.what, want, got)
		again, _, stats := lintCached(t, "--cache-dir", dir)
		if stats != [2]int{1, 0} {
			t.Errorf("%s, again: %d hits, %d misses; want 1 hit", s.what, stats[0], stats[1])
		}
		sameOutputs(t, s.what+", again", want, again)
		before = want
	}
}

// TestCacheSettings: the rules of a user policy, the configuration and the flags that
// choose rules are part of the key: changing any of them never serves a result
// computed without it.
func TestCacheSettings(t *testing.T) {
	policy := `# METADATA
# title: Do not use wget
# description: Use curl, which the base images have.
# custom:
#   severity: error
#   category: style
package infralint.rules.dockerfile["team-no-wget"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(cmd, "wget used") if {
	some [_, cmd] in df.commands
	cmd.name == "wget"
}
`
	files(t, map[string]string{
		"policies/team/no_wget.rego": policy,
		"app/Dockerfile":             "FROM alpine:3.20\nRUN apk add curl && wget -q https://example.com/x\n",
	})
	ageAll(t)
	dir := t.TempDir()
	steps := []struct {
		what string
		args []string
		edit func()
	}{
		{"the defaults", nil, nil},
		{"a user policy", []string{"--policy", "policies"}, nil},
		{"the policy changed", []string{"--policy", "policies"}, func() {
			rewrite(t, "policies/team/no_wget.rego", `"wget used"`, `"wget seen"`)
		}},
		{"a rule disabled", []string{"--policy", "policies", "--disable", "team-no-wget"}, nil},
		{"a configuration file", []string{"--policy", "policies"}, func() {
			if err := os.WriteFile(".infralint.yaml", []byte("rules:\n  team-no-wget: info\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			ageAll(t)
		}},
		{"the configuration changed", []string{"--policy", "policies"}, func() {
			rewrite(t, ".infralint.yaml", "team-no-wget: info", "team-no-wget: off ")
		}},
	}
	var before map[string][]byte
	for _, s := range steps {
		if s.edit != nil {
			s.edit()
		}
		want, _, _ := lintCached(t, append([]string{"--no-cache"}, s.args...)...)
		got, _, _ := lintCached(t, append([]string{"--cache-dir", dir}, s.args...)...)
		if before != nil && bytes.Equal(want["json"], before["json"]) {
			t.Errorf("%s: changed nothing: the test proves nothing", s.what)
		}
		sameOutputs(t, s.what, want, got)
		again, _, stats := lintCached(t, append([]string{"--cache-dir", dir}, s.args...)...)
		if stats != [2]int{1, 0} {
			t.Errorf("%s, again: %d hits, %d misses; want 1 hit", s.what, stats[0], stats[1])
		}
		sameOutputs(t, s.what+", again", want, again)
		before = want
	}
}
