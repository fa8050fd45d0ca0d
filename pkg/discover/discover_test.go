package discover_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		want model.Kind
	}{
		{"Dockerfile", model.KindDockerfile},
		{"dockerfile", model.KindDockerfile},
		{"DOCKERFILE", model.KindDockerfile},
		{"Dockerfile.dev", model.KindDockerfile},
		{"Dockerfile-alpine", model.KindDockerfile},
		{"api.Dockerfile", model.KindDockerfile},
		{"api.dockerfile", model.KindDockerfile},
		{"Containerfile", model.KindDockerfile},
		{"Containerfile.prod", model.KindDockerfile},
		{"web.containerfile", model.KindDockerfile},
		{"path/to/Dockerfile", model.KindDockerfile},
		{"Dockerfile.md", ""},
		{"Dockerfile.j2", ""},
		{"Dockerfile.tmpl", ""},
		{"Dockerfile~", ""},
		{"Dockerfile.dockerignore", ""}, // BuildKit's ignore file for the Dockerfile beside it
		{"api.Dockerfile.dockerignore", ""},
		{"Dockerfile.prod.dockerignore", ""},
		{"Containerfile.dockerignore", ""},
		{"Dockerfile.DockerIgnore", ""},
		{".dockerignore", ""},
		{"Dockerfiles", ""},
		{"README.md", ""},
		{"docker-compose.yml", model.KindCompose},
		{"compose.yaml", model.KindCompose},
		{"compose.override.yml", model.KindCompose},
		{"docker-compose.override.yaml", model.KindCompose},
		{"docker-compose.prod.yml", ""}, // only when named on the command line
		{"Makefile", ""},
	}
	for _, tc := range tests {
		if got := discover.Classify(tc.name); got != tc.want {
			t.Errorf("Classify(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// writeTree creates files (path → content) under root; a path ending in "/" is a
// directory.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

func paths(files []discover.File) []string {
	out := []string{}
	for _, f := range files {
		out = append(out, filepath.ToSlash(f.Path))
		if f.Kind != model.KindDockerfile {
			panic("unexpected kind " + f.Kind)
		}
	}
	return out
}

// tree builds the test repository under a temp dir, chdirs into it and returns the
// directory outside it that symlinks point to.
func tree(t *testing.T) (outside string) {
	t.Helper()
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	outside = filepath.Join(base, "outside")
	from := "FROM alpine:3.20\n"
	writeTree(t, outside, map[string]string{
		"Dockerfile":     from,
		"dir/Dockerfile": from,
	})
	writeTree(t, repo, map[string]string{
		"Dockerfile":                     from,
		"Dockerfile.dev":                 from,
		"api.Dockerfile":                 from,
		"Containerfile":                  from,
		"lower/dockerfile":               from,
		"Dockerfile.md":                  "# docs\n",
		"Dockerfile.dockerignore":        "node_modules\n",
		"api.Dockerfile.dockerignore":    "node_modules\n",
		"svc/Dockerfile.ci.dockerignore": "*.log\n",
		"README.md":                      "# readme\n",
		"notes.txt":                      from,
		".git/Dockerfile":                from,
		"vendor/lib/Dockerfile":          from,
		"node_modules/pkg/Dockerfile":    from,
		"deep/node_modules/Dockerfile":   from,
		".gitignore":                     "# comment\nbuild/\nDockerfile.ci\n*.generated.Dockerfile\n",
		"Dockerfile.ci":                  from,
		"x.generated.Dockerfile":         from,
		"build/Dockerfile":               from,
		"svc/Dockerfile":                 from,
		"svc/.gitignore":                 "Dockerfile.local\n!Dockerfile.ci\ngen/\n",
		"svc/Dockerfile.local":           from,
		"svc/Dockerfile.ci":              from,
		"svc/gen/Dockerfile":             from,
		"svc/nested/Dockerfile.local":    from,
		"other/Dockerfile.local":         from,
		"other/gen/Dockerfile":           from,
		"other/Dockerfile.ci":            from,
		"other/build/Dockerfile":         from,
		"empty/":                         "",
		"crlf/.gitignore":                "Dockerfile.win\r\n",
		"crlf/Dockerfile.win":            from,
		"crlf/Dockerfile":                from,
		"deep/a/b/c/Containerfile.build": from,
	})
	symlink(t, filepath.Join(outside, "Dockerfile"), filepath.Join(repo, "link.Dockerfile"))
	symlink(t, filepath.Join(outside, "dir"), filepath.Join(repo, "linkdir"))
	symlink(t, "Dockerfile", filepath.Join(repo, "Dockerfile.inside-link"))
	t.Chdir(repo)
	return outside
}

// found is everything the test tree holds that must be linted.
var found = []string{
	"Containerfile",
	"Dockerfile",
	"Dockerfile.dev",
	"api.Dockerfile",
	"crlf/Dockerfile",
	"deep/a/b/c/Containerfile.build",
	"lower/dockerfile",
	"other/Dockerfile.local", // svc/.gitignore applies only below svc
	"other/gen/Dockerfile",
	"svc/Dockerfile",
	"svc/Dockerfile.ci", // re-included by svc/.gitignore's negation
}

func TestWalk(t *testing.T) {
	outside := tree(t)
	tests := []struct {
		name      string
		paths     []string
		want      []string
		wantErrs  []string // files with an error
		errSubstr string
	}{
		{name: "current directory", paths: []string{"."}, want: found},
		{name: "no trailing difference", paths: []string{"./"}, want: found},
		{
			name:  "subdirectory: its own .gitignore applies",
			paths: []string{"svc"},
			want:  []string{"svc/Dockerfile", "svc/Dockerfile.ci"},
		},
		{
			name:  "explicit files are always linted, ignored, unrecognised or in a skipped dir",
			paths: []string{"notes.txt", "svc/Dockerfile.local", "build/Dockerfile", "vendor/lib/Dockerfile", "Dockerfile.md"},
			want:  []string{"Dockerfile.md", "build/Dockerfile", "notes.txt", "svc/Dockerfile.local", "vendor/lib/Dockerfile"},
		},
		{
			name:  "explicit symlink is the user's choice",
			paths: []string{"link.Dockerfile"},
			want:  []string{"link.Dockerfile"},
		},
		{
			name:      "missing path is an error for that path only",
			paths:     []string{"svc", "nosuch", "Dockerfile"},
			want:      []string{"Dockerfile", "svc/Dockerfile", "svc/Dockerfile.ci"},
			wantErrs:  []string{"nosuch"},
			errSubstr: "no such file",
		},
		{
			name:  "output is sorted and deduplicated whatever the order of the paths",
			paths: []string{"svc", "Dockerfile", ".", "svc/Dockerfile"},
			want:  found,
		},
		{name: "empty directory", paths: []string{"empty"}, want: []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files, errs := discover.Walk(tc.paths)
			if diff := cmp.Diff(tc.want, paths(files)); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			var errFiles []string
			for _, e := range errs {
				errFiles = append(errFiles, e.File)
				if !strings.Contains(e.Message, tc.errSubstr) {
					t.Errorf("error %q does not contain %q", e.Error(), tc.errSubstr)
				}
			}
			if diff := cmp.Diff(tc.wantErrs, errFiles); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			for _, f := range files {
				if strings.Contains(f.Path, outside) {
					t.Errorf("read %s, outside the tree", f.Path)
				}
			}
		})
	}
}

// TestWalkAbsolute walks the tree by its absolute path: same files, absolute paths.
func TestWalkAbsolute(t *testing.T) {
	tree(t)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	files, errs := discover.Walk([]string{wd})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var want []string
	for _, f := range found {
		want = append(want, filepath.ToSlash(filepath.Join(wd, f)))
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, paths(files)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestComposeProjects checks that a Compose file and its override are one input: the
// override docker compose would merge is in Related, in a walk and when either file is
// named; a Compose file of another name is read as Compose when named.
func TestComposeProjects(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"app/compose.yaml":                 "services:\n  web:\n    image: nginx:1.27\n",
		"app/compose.override.yaml":        "services:\n  web:\n    privileged: true\n",
		"app/docker-compose.override.yml":  "services: {}\n",
		"app/docker-compose.prod.yml":      "services: {}\n",
		"solo/docker-compose.override.yml": "services: {}\n",
		"stack.yml":                        "# a stack\nservices:\n  a:\n    image: alpine:3.20\n",
		"deploy.yaml":                      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
	})
	rel := func(files []discover.File) []string {
		var out []string
		for _, f := range files {
			s := strings.TrimPrefix(filepath.ToSlash(f.Path), filepath.ToSlash(root)+"/") + " " + string(f.Kind)
			for _, r := range f.Related {
				s += " +" + filepath.Base(r)
			}
			out = append(out, s)
		}
		return out
	}
	files, errs := discover.Walk([]string{filepath.Join(root, "app"), filepath.Join(root, "solo")})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"app/compose.yaml compose +compose.override.yaml", "solo/docker-compose.override.yml compose"}
	if d := cmp.Diff(want, rel(files)); d != "" {
		t.Errorf("walk (-want +got):\n%s", d)
	}
	files, _ = discover.Walk([]string{filepath.Join(root, "app", "compose.override.yaml")})
	if d := cmp.Diff([]string{"app/compose.yaml compose +compose.override.yaml"}, rel(files)); d != "" {
		t.Errorf("named override (-want +got):\n%s", d)
	}
	files, _ = discover.Walk([]string{filepath.Join(root, "app", "compose.yaml"), filepath.Join(root, "stack.yml"), filepath.Join(root, "app", "docker-compose.prod.yml")})
	want = []string{"app/compose.yaml compose +compose.override.yaml", "app/docker-compose.prod.yml compose", "stack.yml compose"}
	if d := cmp.Diff(want, rel(files)); d != "" {
		t.Errorf("named files (-want +got):\n%s", d)
	}
}
