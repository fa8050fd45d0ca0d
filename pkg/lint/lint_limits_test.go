package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
)

// The limits that guard every input read from disk, each proven with the input it
// exists for: the error names the file, the place and the limit, comes quickly, and
// every other document's ranges stay inside their files.

// heavy skips a limit test under the race detector: it reads files of several MiB in
// one goroutine, which the detector slows tenfold and has nothing to find in.
func heavy(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("a single-goroutine limit test: run without -race")
	}
}

// writeTree writes files under a new temporary directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	return testutil.WriteTree(t, files)
}

// load loads one file as a run would, within a time bound, and checks the ranges of
// its documents and errors.
func load(t *testing.T, f discover.File, opts Options, bound time.Duration) ([]*model.Document, []model.FileError) {
	t.Helper()
	var docs []*model.Document
	var errs []model.FileError
	start := time.Now()
	fuzzcheck.Within(t, bound, func() error {
		docs, errs = Load(f, opts)
		return nil
	})
	if d := time.Since(start); d > bound {
		t.Fatalf("%s took %s", f.Path, d)
	}
	for _, d := range docs {
		if err := fuzzcheck.Document(d); err != nil {
			t.Error(err)
		}
	}
	return docs, errs
}

// oneError checks that errs is one error about file whose message holds want.
func oneError(t *testing.T, errs []model.FileError, file, want string) model.FileError {
	t.Helper()
	if len(errs) != 1 || errs[0].File != file || !strings.Contains(errs[0].Message, want) {
		t.Fatalf("errors = %v, want one for %s saying %q", errs, file, want)
	}
	return errs[0]
}

const (
	dockerfileSrc = "FROM alpine:3.20 AS build\nRUN apt-get install -y curl\n"
	manifest      = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.25\n"
	composeYML    = "services:\n  web:\n    image: nginx:1.25\n"
	chartYAML     = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
)

func TestFileSizeLimit(t *testing.T) {
	heavy(t)
	pad := "# " + strings.Repeat("x", 2000) + "\n"
	dir := writeTree(t, map[string]string{
		"Dockerfile":                dockerfileSrc + pad,
		"k8s/pod.yaml":              manifest + pad,
		"compose.yaml":              composeYML + pad,
		"chart/Chart.yaml":          chartYAML,
		"chart/templates/big.yaml":  manifest + pad,
		"small/Dockerfile":          dockerfileSrc,
		"default/Dockerfile":        dockerfileSrc + strings.Repeat(pad, DefaultMaxFileSize/len(pad)),
		"default-ok/Dockerfile":     dockerfileSrc + strings.Repeat(pad, DefaultMaxFileSize/len(pad)-1),
		"default-ok/k8s/big.yaml":   manifest + strings.Repeat(pad, DefaultMaxFileSize/len(pad)-1),
		"default-big/k8s/huge.yaml": manifest + strings.Repeat(pad, DefaultMaxFileSize/len(pad)),
	})
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	small := Options{MaxFileSize: 1 << 10}
	for _, f := range []discover.File{
		{Path: p("Dockerfile"), Kind: model.KindDockerfile},
		{Path: p("k8s/pod.yaml"), Kind: model.KindKubernetes},
		{Path: p("compose.yaml"), Kind: model.KindCompose},
	} {
		docs, errs := load(t, f, small, 10*time.Second)
		_ = oneError(t, errs, f.Path, "larger than the 1 KiB limit")
		if len(docs) != 0 {
			t.Errorf("%s: %d documents from a file over the limit", f.Path, len(docs))
		}
	}
	_, errs := load(t, discover.File{Path: p("chart"), Kind: model.KindHelm}, small, 20*time.Second)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "templates/big.yaml is larger than the 1 KiB limit") {
		t.Errorf("chart errors = %v", errs)
	}
	if _, errs := load(t, discover.File{Path: p("small/Dockerfile"), Kind: model.KindDockerfile}, small, 10*time.Second); len(errs) != 0 {
		t.Errorf("a file under the limit: %v", errs)
	}

	// The default, 4 MiB.
	_, errs = load(t, discover.File{Path: p("default/Dockerfile"), Kind: model.KindDockerfile}, Options{}, 20*time.Second)
	_ = oneError(t, errs, p("default/Dockerfile"), "larger than the 4 MiB limit")
	_, errs = load(t, discover.File{Path: p("default-big/k8s/huge.yaml"), Kind: model.KindKubernetes}, Options{}, 20*time.Second)
	_ = oneError(t, errs, p("default-big/k8s/huge.yaml"), "larger than the 4 MiB limit")
	for _, f := range []discover.File{
		{Path: p("default-ok/Dockerfile"), Kind: model.KindDockerfile},
		{Path: p("default-ok/k8s/big.yaml"), Kind: model.KindKubernetes},
	} {
		docs, errs := load(t, f, Options{}, 30*time.Second)
		if len(errs) != 0 || len(docs) != 1 {
			t.Errorf("%s, just under 4 MiB: %d documents, errors %v", f.Path, len(docs), errs)
		}
	}
}

// minifiedList is a ConfigMap written as one line of JSON of about n bytes, with one
// data entry per ~14 bytes: the worst case for code that looks at every scalar's line.
func minifiedList(n int) string {
	var b strings.Builder
	b.WriteString(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{`)
	for i := 0; b.Len() < n-40; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":"v"`, i)
	}
	b.WriteString("}}")
	return b.String()
}

func TestLineLengthLimit(t *testing.T) {
	heavy(t)
	long := minifiedList(DefaultMaxLineLength + 100)
	under := minifiedList(DefaultMaxLineLength - 100)
	dir := writeTree(t, map[string]string{
		"long/cm.json":        long,
		"under/cm.json":       under,
		"compose/compose.yml": composeYML + "x-note: " + strings.Repeat("y", DefaultMaxLineLength) + "\n",
		"docker/Dockerfile":   "FROM alpine:3.20\nRUN echo " + strings.Repeat("a ", 40<<10) + "\n",
		"small/Dockerfile":    dockerfileSrc,
	})
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }

	// Over the limit: an error at the line, without reading the file.
	_, errs := load(t, discover.File{Path: p("long/cm.json"), Kind: model.KindKubernetes}, Options{}, 10*time.Second)
	e := oneError(t, errs, p("long/cm.json"), "line 1 is longer than the 1 MiB limit")
	if e.Range == nil || e.Range.Start.Line != 1 {
		t.Errorf("error range = %v, want line 1", e.Range)
	}
	_, errs = load(t, discover.File{Path: p("compose/compose.yml"), Kind: model.KindCompose}, Options{}, 10*time.Second)
	e = oneError(t, errs, p("compose/compose.yml"), "line 4 is longer than the 1 MiB limit")
	if e.Range == nil || e.Range.Start.Line != 4 {
		t.Errorf("error range = %v, want line 4", e.Range)
	}
	// A Dockerfile line is bounded by BuildKit, at 64 KiB.
	_, errs = load(t, discover.File{Path: p("docker/Dockerfile"), Kind: model.KindDockerfile}, Options{}, 10*time.Second)
	e = oneError(t, errs, p("docker/Dockerfile"), "line 2 is 80 KiB long, over the 64 KiB")
	if e.Range == nil || e.Range.Start.Line != 2 {
		t.Errorf("error range = %v, want line 2", e.Range)
	}
	// Configurable.
	_, errs = load(t, discover.File{Path: p("under/cm.json"), Kind: model.KindKubernetes}, Options{MaxLineLength: 4 << 10}, 10*time.Second)
	_ = oneError(t, errs, p("under/cm.json"), "line 1 is longer than the 4 KiB limit")

	// Just under it: read, in time linear in the line (this took minutes when every
	// scalar decoded its whole line).
	docs, errs := load(t, discover.File{Path: p("under/cm.json"), Kind: model.KindKubernetes}, Options{}, 20*time.Second)
	if len(errs) != 0 || len(docs) != 1 {
		t.Fatalf("%d documents, errors %v", len(docs), errs)
	}
	r := docs[0].Locations.Locate("/data/k70000")
	if got := docs[0].Source.TextOf(r); got != `"k70000":"v"` {
		t.Errorf("/data/k70000 is at %s, %q", r, got)
	}
}

// laughs is a YAML document of nested aliases that expands to 9^depth values.
func laughs(depth int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [*l%d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d, *l%[3]d]\n", i, i, i-1)
	}
	return b.String()
}

// TestAliasExpansion: a "billion laughs" document is an error in every YAML reader,
// quickly and without the memory its expansion would take.
func TestAliasExpansion(t *testing.T) {
	heavy(t)
	bomb := laughs(9)
	dir := writeTree(t, map[string]string{
		"k8s/cm.yaml":                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n" + indent(bomb),
		"compose/compose.yaml":          composeYML + "x-lol:\n" + indent(bomb),
		"values/Chart.yaml":             chartYAML,
		"values/values.yaml":            bomb,
		"values/templates/cm.yaml":      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.l1 | toJson | quote }}\n",
		"chartyaml/Chart.yaml":          chartYAML + bomb,
		"chartyaml/templates/cm.yaml":   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
		"rendered/Chart.yaml":           chartYAML,
		"rendered/templates/bomb.yaml":  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n" + indent(bomb),
		"rendered/templates/other.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n",
	})
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	for _, tc := range []struct {
		f    discover.File
		want string
	}{
		{discover.File{Path: p("k8s/cm.yaml"), Kind: model.KindKubernetes}, "too many values (YAML aliases?)"},
		{discover.File{Path: p("compose/compose.yaml"), Kind: model.KindCompose}, "alias"},
		{discover.File{Path: p("values"), Kind: model.KindHelm}, "alias"},
		{discover.File{Path: p("chartyaml"), Kind: model.KindHelm}, "alias"},
		{discover.File{Path: p("rendered"), Kind: model.KindHelm}, "too many values (YAML aliases?)"},
	} {
		t.Run(filepath.Base(tc.f.Path), func(t *testing.T) {
			docs, errs := load(t, tc.f, Options{}, 20*time.Second)
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("errors = %q, want one saying %q", msgs, tc.want)
			}
			if tc.f.Path == p("rendered") {
				// The other template's object is still there.
				found := false
				for _, d := range docs {
					found = found || strings.HasSuffix(filepath.ToSlash(d.Path), "templates/other.yaml")
				}
				if !found {
					t.Error("the valid template's object was lost")
				}
			}
		})
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}

// TestNestingDepth: documents nested deeper than a reader takes are errors, never a
// stack overflow (which Go cannot recover from).
func TestNestingDepth(t *testing.T) {
	heavy(t)
	deepBlock := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			fmt.Fprintf(&b, "%sk:\n", strings.Repeat(" ", i))
		}
		return b.String()
	}
	deepFlow := strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000)
	dir := writeTree(t, map[string]string{
		"block/cm.yaml":          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n" + indent(deepBlock(300)),
		"flow/cm.yaml":           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: " + deepFlow + "\n",
		"compose/compose.yaml":   composeYML + "x-deep: " + deepFlow + "\n",
		"chart/Chart.yaml":       chartYAML,
		"chart/values.yaml":      "deep: " + deepFlow + "\n",
		"chart/templates/x.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
		"shell/Dockerfile":       "FROM alpine:3.20\nRUN echo " + strings.Repeat(strings.Repeat("$(", 30_000)+"\\\n", 20) + "true" + strings.Repeat(strings.Repeat(")", 30_000)+"\\\n", 20) + "\n",
	})
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	for _, tc := range []struct {
		f    discover.File
		want string
	}{
		{discover.File{Path: p("block/cm.yaml"), Kind: model.KindKubernetes}, "nested deeper than 128 levels"},
		{discover.File{Path: p("flow/cm.yaml"), Kind: model.KindKubernetes}, "exceeded max depth of 10000"},
		{discover.File{Path: p("compose/compose.yaml"), Kind: model.KindCompose}, "exceeded max depth"},
		{discover.File{Path: p("chart"), Kind: model.KindHelm}, "exceeded max depth"},
		{discover.File{Path: p("shell/Dockerfile"), Kind: model.KindDockerfile}, "its commands are not analysed"},
	} {
		t.Run(filepath.Base(filepath.Dir(tc.f.Path))+"/"+filepath.Base(tc.f.Path), func(t *testing.T) {
			_, errs := load(t, tc.f, Options{}, 20*time.Second)
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("errors = %q, want one saying %q", msgs, tc.want)
			}
		})
	}
}

// TestDocumentCount: a manifest of more YAML documents than the limit is an error
// after the limit; the objects before it are linted.
func TestDocumentCount(t *testing.T) {
	heavy(t)
	var b strings.Builder
	for i := range 10_001 {
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c%d\n", i)
	}
	dir := writeTree(t, map[string]string{"k8s/many.yaml": b.String()})
	f := discover.File{Path: filepath.Join(dir, "k8s", "many.yaml"), Kind: model.KindKubernetes}
	docs, errs := load(t, f, Options{}, 60*time.Second)
	_ = oneError(t, errs, f.Path, "more than 10000 YAML documents")
	if len(docs) != 10_000 {
		t.Errorf("%d objects, want the first 10000", len(docs))
	}
}

// TestTextForms: a byte-order mark, CRLF line endings, tabs, invalid UTF-8, lone CR
// line breaks (YAML) and an empty file each give a sensible result, and the columns of
// what follows are those of the plain file: columns count code points, a tab is one,
// an invalid byte is one, and neither the mark nor a line ending is part of a line.
func TestTextForms(t *testing.T) {
	type want struct {
		ptr string
		at  model.Range // where ptr is, in the plain file
	}
	rng := func(l1, c1, l2, c2 int) model.Range {
		return model.Range{Start: model.Position{Line: l1, Column: c1}, End: model.Position{Line: l2, Column: c2}}
	}
	kinds := []struct {
		name, file string
		kind       model.Kind
		plain      string
		want       []want
		tabbed     string // the plain file with tabs where the kind allows them
		tabWant    []want
		invalid    string // with invalid UTF-8 before what is located
		invWant    []want
		invErr     model.Position // YAML is Unicode: where the error about it is
		emptyErr   string         // the error of an empty file; "" for none
	}{
		{
			name: "dockerfile", file: "Dockerfile", kind: model.KindDockerfile,
			plain: "FROM alpine:3.20 AS build\nRUN apt-get install -y curl\n",
			want: []want{
				{"/stages/0/base", rng(1, 6, 1, 17)},
				{"/instructions/1/commands/0", rng(2, 5, 2, 28)},
			},
			tabbed: "FROM\talpine:3.20\tAS build\nRUN\tapt-get\tinstall -y curl\n",
			tabWant: []want{
				{"/stages/0/base", rng(1, 6, 1, 17)},
				{"/instructions/1/commands/0", rng(2, 5, 2, 28)},
			},
			invalid: "# \xff\xfe\nFROM alpine:3.20 AS build\nRUN echo \xff\xfe; apt-get install -y curl\n",
			invWant: []want{
				{"/stages/0/base", rng(2, 6, 2, 17)},
				{"/instructions/1/commands/1", rng(3, 14, 3, 37)},
			},
			emptyErr: "file with no instructions",
		},
		{
			name: "kubernetes", file: "k8s/pod.yaml", kind: model.KindKubernetes,
			plain: manifest,
			want:  []want{{"/spec/containers/0/image", rng(8, 7, 8, 24)}, {"/metadata/name", rng(4, 3, 4, 10)}},
			// YAML does not indent with tabs; it separates with them.
			tabbed:  strings.ReplaceAll(manifest, "image: ", "image:\t"),
			tabWant: []want{{"/spec/containers/0/image", rng(8, 7, 8, 24)}},
			invalid: strings.Replace(manifest, "name: p", "name: p # \xff\xfe", 1),
			invErr:  model.Position{Line: 4, Column: 13},
		},
		{
			name: "compose", file: "compose.yaml", kind: model.KindCompose,
			plain:    composeYML,
			want:     []want{{"/services/web/image", rng(3, 5, 3, 22)}},
			tabbed:   strings.ReplaceAll(composeYML, "image: ", "image:\t"),
			tabWant:  []want{{"/services/web/image", rng(3, 5, 3, 22)}},
			invalid:  strings.Replace(composeYML, "web:", "web: # \xff\xfe", 1),
			invErr:   model.Position{Line: 2, Column: 10},
			emptyErr: "empty",
		},
	}
	for _, k := range kinds {
		invErr := ""
		if k.invErr.Line > 0 {
			invErr = "UTF-8"
		}
		forms := []struct {
			name, text string
			want       []want
			errWant    string
		}{
			{"plain", k.plain, k.want, ""},
			{"bom", "\xef\xbb\xbf" + k.plain, k.want, ""},
			{"crlf", strings.ReplaceAll(k.plain, "\n", "\r\n"), k.want, ""},
			{"tabs", k.tabbed, k.tabWant, ""},
			{"invalid-utf8", k.invalid, k.invWant, invErr},
			{"empty", "", nil, k.emptyErr},
		}
		if k.kind != model.KindDockerfile {
			// YAML reads a lone CR as a line break: lines and columns are as for LF.
			forms = append(forms, struct {
				name, text string
				want       []want
				errWant    string
			}{"lone-cr", strings.ReplaceAll(k.plain, "\n", "\r"), k.want, ""})
		}
		for _, form := range forms {
			t.Run(k.name+"/"+form.name, func(t *testing.T) {
				dir := writeTree(t, map[string]string{k.file: form.text})
				f := discover.File{Path: filepath.Join(dir, filepath.FromSlash(k.file)), Kind: k.kind}
				docs, errs := load(t, f, Options{}, 20*time.Second)
				for _, e := range errs {
					if e.Range != nil {
						if err := fuzzcheck.Range(model.NewSource([]byte(form.text)), *e.Range); err != nil {
							t.Errorf("error %q: %v", e.Message, err)
						}
					}
				}
				if form.errWant != "" {
					e := oneError(t, errs, f.Path, form.errWant)
					if form.name == "invalid-utf8" && (e.Range == nil || e.Range.Start != k.invErr) {
						t.Errorf("error at %v, want %v", e.Range, k.invErr)
					}
					return
				}
				if len(errs) > 0 {
					t.Fatalf("errors: %v", errs)
				}
				if form.name == "empty" {
					if len(docs) != 0 {
						t.Errorf("%d documents from an empty file", len(docs))
					}
					return
				}
				if len(docs) == 0 {
					t.Fatal("no document")
				}
				for _, w := range form.want {
					if got := docs[0].Locations.Locate(w.ptr); got != w.at {
						t.Errorf("%s is at %s, want %s (%q)", w.ptr, got, w.at, docs[0].Source.TextOf(got))
					}
				}
			})
		}
	}
}

// TestSymlinksNotFollowed: a walk never reads through a symbolic link, of any kind of
// input, out of the linted tree or out of a chart; a chart with a link in it is an
// error that names the link, and nothing the link points to is read.
func TestSymlinksNotFollowed(t *testing.T) {
	base := t.TempDir()
	const secret = "hunter2-do-not-read"
	outside := filepath.Join(base, "outside")
	for name, text := range map[string]string{
		"Dockerfile":                "FROM ubuntu\nLABEL secret=" + secret + "\n",
		"k8s/pod.yaml":              strings.Replace(manifest, "name: p", "name: "+secret, 1),
		"compose/compose.yaml":      strings.Replace(composeYML, "nginx:1.25", secret, 1),
		"chart/Chart.yaml":          chartYAML,
		"chart/templates/cm.yaml":   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + secret + "\n",
		"secret.yaml":               "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + secret + "\n",
		"dep/Chart.yaml":            "apiVersion: v2\nname: dep\nversion: 0.1.0\n",
		"dep/templates/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + secret + "\n",
	} {
		p := filepath.Join(outside, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	repo := filepath.Join(base, "repo")
	if err := os.MkdirAll(filepath.Join(repo, "leaky", "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(repo, "vendoring", "charts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"Dockerfile":                dockerfileSrc,
		"leaky/Chart.yaml":          chartYAML,
		"vendoring/Chart.yaml":      chartYAML + "dependencies:\n  - name: dep\n    version: 0.1.0\n",
		"vendoring/templates/x.yml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
	} {
		if err := os.WriteFile(filepath.Join(repo, filepath.FromSlash(name)), []byte(text), 0o644); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"linked.Dockerfile":          "Dockerfile",
		"k8s-link":                   "k8s",
		"pod.yaml":                   "k8s/pod.yaml",
		"compose.yaml":               "compose/compose.yaml",
		"compose-dir":                "compose",
		"chart-link":                 "chart",
		"leaky/templates/leak.yaml":  "secret.yaml",
		"vendoring/charts/dep":       "dep",
		"whole-outside-dir-link-dir": ".",
	} {
		if err := os.Symlink(filepath.Join(outside, filepath.FromSlash(target)), filepath.Join(repo, filepath.FromSlash(link))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	t.Chdir(repo)
	res := Paths(t.Context(), engine(t), []string{"."}, Options{})
	var all strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&all, "%s %s %s\n", f.File, f.RuleID, f.Message)
	}
	for _, e := range res.Errors {
		fmt.Fprintf(&all, "%s\n", e.Error())
	}
	out := all.String()
	if strings.Contains(out, secret) {
		t.Errorf("something outside the tree was read:\n%s", out)
	}
	for _, want := range []string{
		"templates/leak.yaml is a symbolic link",
		"charts/dep is a symbolic link",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no error saying %q:\n%s", want, out)
		}
	}
	for _, f := range res.Findings {
		if !strings.HasPrefix(filepath.ToSlash(f.File), "Dockerfile") && !strings.HasPrefix(filepath.ToSlash(f.File), "leaky/") && !strings.HasPrefix(filepath.ToSlash(f.File), "vendoring/") {
			t.Errorf("finding in %s, which only a link leads to", f.File)
		}
	}
}
