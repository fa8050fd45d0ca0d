package dockerfile_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

// TestNewFacts pins the facts of testdata/cases/facts that rules rely on.
func TestNewFacts(t *testing.T) {
	doc, errs, _ := parse(t, filepath.Join("testdata", "cases", "facts"))
	if doc == nil || len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	in := input(t, doc)

	t.Run("stage graph", func(t *testing.T) {
		var chains [][]int
		var image, shipped []bool
		for _, s := range in.Stages {
			chains = append(chains, s.Chain)
			image = append(image, s.InImage)
			shipped = append(shipped, s.Shipped)
		}
		if diff := cmp.Diff([][]int{{0}, {1}, {2}}, chains); diff != "" {
			t.Errorf("chains (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]bool{false, false, true}, image); diff != "" {
			t.Errorf("in_image (-want +got):\n%s", diff)
		}
		// build copies from assets, a later stage: BuildKit resolves it, so both ship.
		if diff := cmp.Diff([]bool{true, true, true}, shipped); diff != "" {
			t.Errorf("shipped (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]int{1}, in.Stages[0].CopiesFrom); diff != "" {
			t.Errorf("copies_from of build (-want +got):\n%s", diff)
		}
	})
	t.Run("COPY --from a later stage and an image", func(t *testing.T) {
		if s := in.Instructions[4].FromStage; s == nil || *s != 1 {
			t.Errorf("from_stage = %v, want 1", s)
		}
		if img := in.Instructions[7].FromImage; img == nil || img.Name != "nginx" || img.Tag != "1.27" {
			t.Errorf("from_image = %+v", img)
		}
	})
	t.Run("unquoted values and quote-aware variables", func(t *testing.T) {
		env := in.Instructions[3].Pairs
		var got [][]string
		for _, p := range env {
			got = append(got, append([]string{p.UnquotedValue}, p.Vars...))
		}
		want := [][]string{{"1"}, {"$A"}, {"${A}x", "A"}, {"$version", "version"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("pairs (-want +got):\n%s", diff)
		}
		vars := in.Instructions[3].Vars
		if len(vars) != 2 || vars[1].Name != "version" || vars[1].Suggestion != "Version" {
			t.Errorf("vars = %+v: want $A (not the single-quoted one) and $version suggesting Version", vars)
		}
	})
	t.Run("assignments before a command and env wrappers", func(t *testing.T) {
		cmds := in.Instructions[5].Commands
		if diff := cmp.Diff(map[string]string{"DEBIAN_FRONTEND": "noninteractive"}, cmds[0].Env); diff != "" {
			t.Errorf("apt-get env (-want +got):\n%s", diff)
		}
		if !cmds[0].Multiline {
			t.Errorf("apt-get is written on several lines")
		}
		if diff := cmp.Diff(map[string]string{"GOOS": "linux", "GOARCH": "amd64"}, cmds[2].Env); diff != "" || cmds[2].Name != "go" {
			t.Errorf("go env (-want +got):\n%s", diff)
		}
	})
	t.Run("comments, empty continuation lines", func(t *testing.T) {
		if diff := cmp.Diff([]string{"build compiles the app"}, in.Instructions[1].Comments); diff != "" {
			t.Errorf("comments (-want +got):\n%s", diff)
		}
		if n := len(in.Instructions[5].EmptyContinuations); n != 1 {
			t.Errorf("%d empty continuation lines, want 1", n)
		}
		if r := doc.Locations.Locate(in.Instructions[5].EmptyContinuations[0].Ptr); r.Start.Line != 9 {
			t.Errorf("empty line at %s, want line 9", r)
		}
	})
	t.Run("COPY heredoc script", func(t *testing.T) {
		h := in.Instructions[9].Heredocs[0]
		if h.Target != "/usr/local/bin/entrypoint.sh" {
			t.Errorf("target = %q", h.Target)
		}
		var names []string
		for _, c := range h.Commands {
			names = append(names, c.Via+"|"+c.Name)
		}
		if diff := cmp.Diff([]string{"|set", "|migrate", "|exec", `exec|$@`}, names); diff != "" {
			t.Errorf("script commands (-want +got):\n%s", diff)
		}
		if got := in.Instructions[10].Heredocs[1].Target; got != "/etc/b.txt" {
			t.Errorf("second heredoc target = %q", got)
		}
	})
	t.Run("ENTRYPOINT sh -c", func(t *testing.T) {
		var names []string
		for _, c := range in.Instructions[13].Commands {
			names = append(names, c.Via+"|"+c.Name)
		}
		if diff := cmp.Diff([]string{"|sh", "sh -c|migrate", "sh -c|node"}, names); diff != "" {
			t.Errorf("commands (-want +got):\n%s", diff)
		}
	})
}

func TestInvalidDefaultArg(t *testing.T) {
	doc, errs := dockerfile.Parse("Dockerfile", []byte("ARG IMAGE\nARG TAG\nFROM ${IMAGE}\nFROM alpine:${TAG}\nFROM alpine:${TAG:-3.20}\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	in := input(t, doc)
	var got []bool
	for _, s := range in.Stages {
		got = append(got, s.Base.Invalid)
	}
	if diff := cmp.Diff([]bool{true, true, false}, got); diff != "" {
		t.Errorf("invalid (-want +got):\n%s", diff)
	}
}

func TestReadContext(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("app/Dockerfile", "FROM alpine\n")
	write("app/.dockerignore", "# secrets\n*.md\n!README.md\n/secrets\n**/*.pem\nnode_modules\n")
	write("app/api.Dockerfile", "FROM alpine\n")
	write("app/api.Dockerfile.dockerignore", "dist\n")
	write("svc/deep/Dockerfile", "FROM alpine\n")
	write("svc/.dockerignore", "x\n")
	write("lone/Dockerfile", "FROM alpine\n")
	write(".dockerignore", ".git\n")
	write("svc/testdata/Dockerfile", "FROM alpine\n")

	ctx := dockerfile.ReadContext(filepath.Join(root, "app", "Dockerfile"))
	if !ctx.Known || ctx.DockerIgnore != ".dockerignore" || len(ctx.Patterns) != 5 {
		t.Errorf("app: %+v", ctx)
	}
	if ctx := dockerfile.ReadContext(filepath.Join(root, "app", "api.Dockerfile")); ctx.DockerIgnore != "api.Dockerfile.dockerignore" {
		t.Errorf("api: %+v (a Dockerfile's own ignore file comes first)", ctx)
	}
	if ctx := dockerfile.ReadContext(filepath.Join(root, "svc", "deep", "Dockerfile")); ctx.DockerIgnore != "" || !ctx.DockerIgnoreAbove {
		t.Errorf("svc/deep: %+v", ctx)
	}
	if ctx := dockerfile.ReadContext(filepath.Join(root, "lone", "Dockerfile")); ctx.DockerIgnore != "" || !ctx.DockerIgnoreAbove {
		t.Errorf("lone: %+v (the repository root's .dockerignore counts)", ctx)
	}
	if ctx := dockerfile.ReadContext(filepath.Join(root, "svc", "testdata", "Dockerfile")); ctx.DockerIgnore != "" || ctx.DockerIgnoreAbove {
		t.Errorf("svc/testdata: %+v (a testdata directory is self-contained)", ctx)
	}

	// One reader for a whole run, its Dockerfiles read concurrently and in any order,
	// answers as ReadContext does for each alone; relative paths too.
	reader := dockerfile.NewContextReader()
	var wg sync.WaitGroup
	for range 4 {
		for _, rel := range []string{"svc/testdata/Dockerfile", "lone/Dockerfile", "app/Dockerfile", "svc/deep/Dockerfile", "app/api.Dockerfile"} {
			p := filepath.Join(root, filepath.FromSlash(rel))
			want := dockerfile.ReadContext(p)
			wg.Go(func() {
				if diff := cmp.Diff(want, reader.Read(p)); diff != "" {
					t.Errorf("%s through a shared reader (-alone +shared):\n%s", rel, diff)
				}
			})
		}
	}
	wg.Wait()
	t.Chdir(filepath.Join(root, "svc"))
	if diff := cmp.Diff(dockerfile.ReadContext("deep/Dockerfile"), dockerfile.NewContextReader().Read("deep/Dockerfile")); diff != "" {
		t.Errorf("a relative path (-alone +shared):\n%s", diff)
	}

	src := "FROM alpine\nCOPY CHANGELOG.md docs/a.md README.md ./\nCOPY secrets/key.txt certs/x/y.pem /etc/\nCOPY node_modules/x src/ /app/\nCOPY --from=build secrets /x\nONBUILD COPY notes.md /x\n"
	doc, errs := dockerfile.ParseWith("Dockerfile", []byte(src), dockerfile.Options{Context: ctx})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	in := input(t, doc)
	var got [][]string
	for _, i := range in.Instructions[1:] {
		got = append(got, i.Ignored)
	}
	want := [][]string{{"CHANGELOG.md"}, {"secrets/key.txt", "certs/x/y.pem"}, {"node_modules/x"}, nil, nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ignored (-want +got):\n%s", diff)
	}
	if !in.Context.Known || in.Context.DockerIgnore != ".dockerignore" {
		t.Errorf("context = %+v", in.Context)
	}
}

func TestQuotedGlobalArgDefault(t *testing.T) {
	doc, errs := dockerfile.Parse("Dockerfile", []byte("ARG VARIANT=\"1.12.3\"\nFROM elixir:${VARIANT}\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if b := input(t, doc).Stages[0].Base; b.Invalid || b.Tag != "1.12.3" {
		t.Errorf("base = %+v, want tag 1.12.3 (the ARG's quotes are not part of its value)", b)
	}
}
