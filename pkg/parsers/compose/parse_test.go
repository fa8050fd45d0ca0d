package compose_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// parseDir parses testdata/<kind>/<name>/compose.yaml as found beside its override file,
// with the path relative to the package, so dumps do not depend on the machine.
func parseDir(t *testing.T, dir string, opts compose.Options) (*model.Document, []model.FileError) {
	t.Helper()
	path := filepath.Join(dir, "compose.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return compose.Parse(path, src, opts)
}

func dumpJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pointers lists every `ptr` of the input, in a stable order.
func pointers(t *testing.T, doc *model.Document) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(dumpJSON(t, doc.Input), &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if p, ok := x["ptr"].(string); ok {
				out = append(out, p)
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return slices.Compact(out)
}

// dumpRanges is one `pointer → file:range  "text" (context)` line per pointer of the
// input: the file and range the locator gives and the text it covers.
func dumpRanges(t *testing.T, doc *model.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, p := range pointers(t, doc) {
		r := doc.Locations.Locate(p)
		file := doc.Locations.File(p)
		src := doc.Source
		if s, ok := doc.Sources[file]; ok {
			src = s
		}
		fmt.Fprintf(&b, "%s → %s:%s  %q", p, filepath.ToSlash(file), r, src.TextOf(r))
		if c := doc.Locations.Context(p); c != "" {
			fmt.Fprintf(&b, "  (%s)", c)
		}
		b.WriteString("\n")
		if !r.Valid() {
			t.Errorf("%s: invalid range %v", p, r)
		}
	}
	return b.Bytes()
}

func dumpErrors(errs []model.FileError) []byte {
	var b bytes.Buffer
	for _, e := range errs {
		fmt.Fprintln(&b, filepath.ToSlash(e.Error()))
	}
	return b.Bytes()
}

// golden compares got with the file at path, or rewrites the file under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if len(got) == 0 {
			_ = os.Remove(path)
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && (!os.IsNotExist(err) || len(got) > 0) {
		t.Fatalf("%v (run `go test -update` to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func caseDirs(t *testing.T, kind string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", kind))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join("testdata", kind, e.Name()))
		}
	}
	return dirs
}

// TestCases parses each testdata/cases/<name>/ project and compares the policy input
// (want.json), the file and range of every pointer (want.ranges.txt) and the errors
// (want.errors.txt, absent when there are none) with the golden files.
func TestCases(t *testing.T) {
	for _, dir := range caseDirs(t, "cases") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			doc, errs := parseDir(t, dir, compose.Options{})
			if doc == nil {
				t.Fatalf("no document: %v", errs)
			}
			golden(t, filepath.Join(dir, "want.json"), dumpJSON(t, doc.Input))
			golden(t, filepath.Join(dir, "want.ranges.txt"), dumpRanges(t, doc))
			golden(t, filepath.Join(dir, "want.errors.txt"), dumpErrors(errs))
		})
	}
}

// TestNegative parses each testdata/negative/<name>/ project: every error must have a
// line (want.errors.txt), and the project is still read when what remains loads
// (want.services.txt lists its services, "no document" when it does not).
func TestNegative(t *testing.T) {
	for _, dir := range caseDirs(t, "negative") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			doc, errs := parseDir(t, dir, compose.Options{})
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			for _, e := range errs {
				if e.Range == nil || !e.Range.Valid() {
					t.Errorf("error without a line: %v", e)
				}
			}
			golden(t, filepath.Join(dir, "want.errors.txt"), dumpErrors(errs))
			services := "no document\n"
			if doc != nil {
				in := doc.Input.(*compose.Input)
				var names []string
				for n := range in.Services {
					names = append(names, n)
				}
				sort.Strings(names)
				services = strings.Join(names, "\n") + "\n"
			}
			golden(t, filepath.Join(dir, "want.services.txt"), []byte(services))
		})
	}
}

// TestOverrideAttribution checks that a value an override file sets is located in the
// override file, at its line, and one the base file sets stays in the base file.
func TestOverrideAttribution(t *testing.T) {
	dir := filepath.Join("testdata", "cases", "app")
	doc, _ := parseDir(t, dir, compose.Options{})
	cases := []struct {
		ptr, file string
		line      int
	}{
		{"/services/db/ports/0", "compose.override.yaml", 9},                // only the override publishes it
		{"/services/api/environment/LOG_LEVEL", "compose.override.yaml", 4}, // overrides compose.yaml and api.env
		{"/services/api/environment/DATABASE_URL", "compose.yaml", 16},
		{"/services/api/environment/SESSION_SECRET", "api.env", 1}, // from the env_file
		{"/services/db/command/2", "compose.override.yaml", 10},
		{"/services/db/image", "compose.yaml", 22}, // interpolated: the line that uses ${PG_TAG}
		{"/services/db", "compose.yaml", 21},       // the service: where it is first written
		{"/services/db/healthcheck", "compose.yaml", 25},
		{"/services/db/privileged", "compose.yaml", 21}, // missing: the service
	}
	for _, c := range cases {
		file := doc.Locations.File(c.ptr)
		r := doc.Locations.Locate(c.ptr)
		if file != filepath.Join(dir, c.file) || r.Start.Line != c.line {
			t.Errorf("%s: got %s:%d, want %s:%d", c.ptr, file, r.Start.Line, c.file, c.line)
		}
	}
	if got := doc.Locations.Context("/services/db/image"); !strings.Contains(got, "PG_TAG from "+filepath.Join(dir, ".env")+":2") {
		t.Errorf("context of an interpolated value does not name the .env line: %q", got)
	}
}

// TestNoReadOutside checks that includes, extends, env files and symbolic links that
// leave the project directory are refused, and that nothing from outside reaches the
// model.
func TestNoReadOutside(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	proj := filepath.Join(root, "proj")
	for _, d := range []string{outside, proj} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "compose.yaml"), "services:\n  leak:\n    image: leak:1\n")
	write(filepath.Join(outside, "secret.env"), "LEAKED=1\n")
	if err := os.Symlink(filepath.Join(outside, "compose.yaml"), filepath.Join(proj, "linked.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	main := `include:
  - ../outside/compose.yaml
  - linked.yaml
  - /etc/hostname
services:
  app:
    image: alpine:3.20
    env_file: ../outside/secret.env
  other:
    image: alpine:3.20
    extends:
      file: ../outside/compose.yaml
      service: leak
`
	path := filepath.Join(proj, "compose.yaml")
	write(path, main)
	doc, errs := compose.Parse(path, []byte(main), compose.Options{})
	if doc == nil {
		t.Fatalf("no document: %v", errs)
	}
	got := string(dumpErrors(errs))
	for _, want := range []string{
		"compose.yaml:2:5: include: \"../outside/compose.yaml\" is outside the project directory: not read",
		"compose.yaml:3:5: include " + filepath.Join(proj, "linked.yaml") + ": refused: a symbolic link out of the project directory",
		"compose.yaml:4:5: include: \"/etc/hostname\" is outside the project directory: not read",
		"compose.yaml:8:5: env_file \"../outside/secret.env\" is outside the project directory: not read",
		"compose.yaml:12:7: extends: \"../outside/compose.yaml\" is outside the project directory: not read",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing error %q in:\n%s", want, got)
		}
	}
	in := doc.Input.(*compose.Input)
	if _, ok := in.Services["leak"]; ok {
		t.Error("a service from outside the project was read")
	}
	if _, ok := in.Services["app"].Environment["LEAKED"]; ok {
		t.Error("an env file from outside the project was read")
	}
	if in.Services["other"].Image.Raw != "alpine:3.20" {
		t.Errorf("the refused extends changed the service: %+v", in.Services["other"].Image)
	}
	for p := range doc.Sources {
		if strings.Contains(p, "outside") {
			t.Errorf("a file outside the project is a source: %s", p)
		}
	}
}

// TestProfiles checks that every service is read by default, and only the active
// profiles' services (and those without a profile) when profiles are given.
func TestProfiles(t *testing.T) {
	dir := filepath.Join("testdata", "cases", "profiles")
	doc, _ := parseDir(t, dir, compose.Options{})
	if n := len(doc.Input.(*compose.Input).Services); n != 2 {
		t.Errorf("default: %d services, want 2", n)
	}
	doc, _ = parseDir(t, dir, compose.Options{Profiles: []string{"other"}})
	in := doc.Input.(*compose.Input)
	if _, ok := in.Services["debug"]; ok || len(in.Services) != 1 {
		t.Errorf("profile other: services %v", in.Services)
	}
	if !slices.Equal(in.DisabledServices, []string{"debug"}) {
		t.Errorf("disabled services %v, want [debug]", in.DisabledServices)
	}
}

// TestOptions checks the configuration's settings: explicit files (-f), env files,
// the calling environment and the project name.
func TestOptions(t *testing.T) {
	dir := filepath.Join("testdata", "cases", "app")
	doc, errs := parseDir(t, dir, compose.Options{
		Overrides:   []string{},
		EnvFiles:    []string{"api.env"},
		Environment: map[string]string{"PG_TAG": "15", "NGINX_TAG": "1.26"},
		ProjectName: "other",
	})
	if doc == nil {
		t.Fatal(errs)
	}
	in := doc.Input.(*compose.Input)
	if in.Services["db"].Image.Raw != "postgres:15" || in.Services["web"].Image.Raw != "nginx:1.26" {
		t.Errorf("the environment does not win: %s %s", in.Services["db"].Image.Raw, in.Services["web"].Image.Raw)
	}
	if len(in.Services["db"].Ports) != 0 {
		t.Error("an empty Overrides list still read compose.override.yaml")
	}
	if in.Name != "other" {
		t.Errorf("project name %q", in.Name)
	}
	if _, err := os.Stat(filepath.Join(dir, ".env")); err == nil {
		for _, f := range in.Files {
			if f.Path == filepath.Join(dir, ".env") {
				t.Error(".env was read although env files were given")
			}
		}
	}
}

// TestNoNetwork runs the remote include case with every proxy pointing nowhere: it must
// finish, with errors, without a connection attempt hanging the test.
func TestNoNetwork(t *testing.T) {
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:1")
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan []model.FileError, 1)
	go func() {
		_, errs := parseDir(t, filepath.Join("testdata", "negative", "include-remote"), compose.Options{})
		done <- errs
	}()
	select {
	case errs := <-done:
		if len(errs) != 3 {
			t.Errorf("want 3 refused includes, got %v", errs)
		}
	case <-ctx.Done():
	}
}
