package kubernetes_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test -update` to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// pointers are the pointers a finding about the object may use: the object, its
// containers and some of their fields (written or missing).
func pointers(in map[string]any) []string {
	out := []string{"", "/metadata/name", "/spec/replicas", "/spec/selector"}
	cs, _ := in["containers"].([]any)
	for _, c := range cs {
		p := c.(map[string]any)["ptr"].(string)
		out = append(out, p, p+"/image", p+"/securityContext/runAsNonRoot", p+"/securityContext/privileged", p+"/resources/limits/memory")
	}
	return out
}

// TestGolden dumps each case's policy inputs and the range of the pointers findings
// use. Run `go test ./pkg/parsers/kubernetes -update` after an intended change.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(dir, "manifest.*"))
			src, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(files[0])
			docs, errs := kubernetes.Parse(name, src)
			var inputs []any
			var ranges bytes.Buffer
			for _, e := range errs {
				fmt.Fprintf(&ranges, "error: %s\n", e.Error())
			}
			for _, d := range docs {
				in := d.Input.(map[string]any)
				inputs = append(inputs, in)
				for _, p := range pointers(in) {
					r := d.Locations.Locate(p)
					if !r.Valid() || r.End.Line > d.Source.LineCount() {
						t.Errorf("%s: invalid range %v", p, r)
					}
					fmt.Fprintf(&ranges, "%s %s → %s  %q  (%s)\n", kubernetes.Identity(objectOf(d)), p, r, d.Source.TextOf(r), d.Locations.Context(p))
				}
			}
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(inputs); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(dir, "want.json"), b.Bytes())
			golden(t, filepath.Join(dir, "want.ranges.txt"), ranges.Bytes())
		})
	}
}

// objectOf rebuilds enough of an object from its input for Identity.
func objectOf(d *model.Document) *kubernetes.Object {
	in := d.Input.(map[string]any)
	return &kubernetes.Object{Value: in, Item: -1}
}

// TestAliasBomb: a document whose aliases expand exponentially is an error, quickly.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	start := time.Now()
	docs, errs := kubernetes.Parse("bomb.yaml", []byte(b.String()))
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	if len(docs) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Message, "too many values") {
		t.Errorf("docs %d, errs %v", len(docs), errs)
	}
}

// TestDuplicateKey: a key written twice in one mapping is listed in the input with
// its pointer, once even when an alias or merge key repeats the mapping; the value and
// its location are the last ones, as a JSON decoder keeps. The same key in different
// mappings is no duplicate.
func TestDuplicateKey(t *testing.T) {
	src := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l {app: a, tier: t, app: b}\n" +
		"  annotations:\n    <<: *l\nspec:\n  containers:\n    - name: a\n      image: nginx:1.25\n" +
		"      image: nginx:latest\n    - name: b\n      image: nginx:1.25\n"
	docs, errs := kubernetes.Parse("dup.yaml", []byte(src))
	if len(docs) != 1 || len(errs) != 0 {
		t.Fatalf("%d documents, errors %v", len(docs), errs)
	}
	in := docs[0].Input.(map[string]any)
	var got []string
	dups, _ := in[kubernetes.KeyDuplicateKeys].([]any)
	for _, d := range dups {
		m := d.(map[string]any)
		ptr := m["ptr"].(string)
		r := docs[0].Locations.Locate(ptr)
		got = append(got, fmt.Sprintf("%s %v first %v at %d:%d", ptr, m["key"], m["first_line"], r.Start.Line, r.Start.Column))
	}
	want := []string{"/metadata/labels/app app first 5 at 5:32", "/spec/containers/0/image image first 11 at 12:7"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("duplicates (-want +got):\n%s", diff)
	}
	c := in["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
	if img := c["image"]; img != "nginx:latest" {
		t.Errorf("image = %v, want the last value", img)
	}
}

// TestRelations: cross-object facts over a set of files.
func TestRelations(t *testing.T) {
	src, err := os.ReadFile("testdata/cases/multi/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := kubernetes.ParseSet([]kubernetes.File{{Path: "a.yaml", Src: src}}, "directory", kubernetes.Limits{})
	got := map[string]any{}
	for _, d := range docs {
		in := d.Input.(map[string]any)
		got[in["kind"].(string)] = in["related"]
	}
	want := map[string]any{
		"Deployment":          map[string]any{"services": []any{"web"}, "pod_disruption_budgets": []any{"web"}, "network_policies": []any{}, "autoscalers": []any{}},
		"Service":             map[string]any{"has_selector": true, "targets": []any{"Deployment/web"}},
		"PodDisruptionBudget": map[string]any{"targets": []any{"Deployment/web"}},
		"CronJob":             map[string]any{"services": []any{}, "pod_disruption_budgets": []any{}, "network_policies": []any{}, "autoscalers": []any{}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Error(d)
	}
}
