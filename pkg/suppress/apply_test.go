package suppress

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

// fakeRules is a registry of a few rules, with aliases.
type fakeRules map[string]model.Rule

func newFakeRules() fakeRules {
	rs := fakeRules{}
	for _, r := range []model.Rule{
		{ID: "apt-get-unpinned", Aliases: []string{"DL3008"}, Severity: model.SeverityWarning},
		{ID: "base-image-untagged", Aliases: []string{"DL3006", "DL3007"}, Severity: model.SeverityWarning},
		{ID: "user-root", Aliases: []string{"DL3002"}, Severity: model.SeverityWarning},
		{ID: "no-privileged", Severity: model.SeverityError},
		{ID: RuleUnused, Severity: model.SeverityWarning, Category: "maintainability"},
		{ID: RuleNoReason, Severity: model.SeverityWarning, Category: "maintainability"},
	} {
		rs[strings.ToLower(r.ID)] = r
		for _, a := range r.Aliases {
			rs[strings.ToLower(a)] = r
		}
	}
	return rs
}

func (f fakeRules) Lookup(name string) (model.Rule, bool) {
	r, ok := f[strings.ToLower(name)]
	return r, ok
}

func (f fakeRules) Suggest(name string) string {
	if strings.HasPrefix(name, "user-ro") {
		return "user-root"
	}
	return ""
}

func finding(rule, file string, line int) model.Finding {
	return model.Finding{
		RuleID: rule, File: file, Severity: model.SeverityWarning, Message: rule + " here",
		Range:       model.Range{Start: model.Position{Line: line, Column: 1}, End: model.Position{Line: line, Column: 2}},
		Fingerprint: rule + "@" + file + ":" + string(rune('0'+line%10)),
	}
}

func parseDockerfile(t *testing.T, src string) *model.Document {
	t.Helper()
	doc, errs := dockerfile.Parse("Dockerfile", []byte(src))
	if doc == nil || len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	return doc
}

// lines lists "rule:line" of findings, sorted.
func lines(fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+":"+strconv.Itoa(f.Range.Start.Line))
	}
	slices.Sort(out)
	return out
}

const dockerfileWithDirectives = `# infralint ignore-file=DL3002 -- the entrypoint drops privileges
FROM ubuntu
# infralint ignore=DL3008 -- pinned by the snapshot mirror

RUN apt-get update \
    && apt-get install -y \
       curl \
       git
RUN apt-get install -y vim
# hadolint ignore=DL3007
FROM ubuntu:latest
# infralint ignore=base-image-untagged
# infralint ignore=apt-get-unpinned -- two directives stacked
FROM ubuntu AS final
`

func TestApplyDockerfile(t *testing.T) {
	doc := parseDockerfile(t, dockerfileWithDirectives)
	findings := []model.Finding{
		finding("user-root", "Dockerfile", 14),
		finding("base-image-untagged", "Dockerfile", 2),
		finding("apt-get-unpinned", "Dockerfile", 7), // inside the continued RUN the directive is above
		finding("apt-get-unpinned", "Dockerfile", 8),
		finding("apt-get-unpinned", "Dockerfile", 9), // the next RUN: not covered
		finding("base-image-untagged", "Dockerfile", 11),
		finding("base-image-untagged", "Dockerfile", 14),
	}
	out := Apply([]Evaluated{{Doc: doc, Findings: findings}}, Options{Rules: newFakeRules()})
	// Line 12 gives no reason; line 13 suppresses nothing (FROM has no apt-get).
	want := []string{"apt-get-unpinned:9", "base-image-untagged:2", "suppression-without-reason:12", "unused-suppression:13"}
	if d := cmp.Diff(want, lines(out.Kept)); d != "" {
		t.Errorf("kept (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{
		"apt-get-unpinned:7", "apt-get-unpinned:8", "base-image-untagged:11", "base-image-untagged:14", "user-root:14",
	}, lines(out.Suppressed)); d != "" {
		t.Errorf("suppressed (-want +got):\n%s", d)
	}
	for _, f := range out.Suppressed {
		if f.Suppressed == nil || f.Suppressed.Kind != model.SuppressInSource {
			t.Errorf("%s:%d: suppression %+v", f.RuleID, f.Range.Start.Line, f.Suppressed)
		}
		if f.RuleID == "user-root" && f.Suppressed.Justification != "the entrypoint drops privileges" {
			t.Errorf("justification %q", f.Suppressed.Justification)
		}
	}
	if len(out.Warnings) != 0 {
		t.Errorf("warnings: %+v", out.Warnings)
	}
}

func TestApplyUnusedAndUnexplained(t *testing.T) {
	src := `FROM alpine:3.20
# infralint ignore=DL3008,user-ro0t -- nothing to pin
RUN true
# infralint ignore=base-image-untagged
FROM ubuntu
# infralint ignore=no-privileged -- a Kubernetes rule: it never fires here
# hadolint ignore=DL3008
USER app
`
	doc := parseDockerfile(t, src)
	findings := []model.Finding{finding("base-image-untagged", "Dockerfile", 5)}
	off := map[string]bool{"user-root": true}
	out := Apply([]Evaluated{{Doc: doc, Findings: findings}}, Options{
		Rules:  newFakeRules(),
		Active: func(_, id string) bool { return !off[id] },
	})
	var got []string
	for _, f := range out.Kept {
		got = append(got, f.RuleID+":"+strconv.Itoa(f.Range.Start.Line)+":"+strconv.Itoa(f.Range.Start.Column)+" "+f.Message)
		if f.Fingerprint == "" || f.Severity != model.SeverityWarning || f.Category != "maintainability" {
			t.Errorf("meta finding %+v", f)
		}
	}
	want := []string{
		"unused-suppression:2:20 suppression of DL3008 (apt-get-unpinned) is unused: the rule reports nothing in what follows",
		"suppression-without-reason:4:1 suppression without a reason: say why after ` -- `",
		"unused-suppression:6:20 suppression of no-privileged is unused: the rule reports nothing in what follows",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("meta findings (-want +got):\n%s", d)
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0].Message, `unknown rule "user-ro0t" (did you mean user-root?)`) ||
		out.Warnings[0].Range.Start != (model.Position{Line: 2, Column: 27}) {
		t.Errorf("warnings = %+v", out.Warnings)
	}

	// The meta rules report only where they are active.
	quiet := Apply([]Evaluated{{Doc: doc, Findings: findings}}, Options{
		Rules:  newFakeRules(),
		Active: func(_, id string) bool { return id != RuleUnused && id != RuleNoReason },
	})
	if len(quiet.Kept) != 0 {
		t.Errorf("meta rules off, kept = %+v", quiet.Kept)
	}
}

// TestMetaFingerprints: a meta finding keeps its fingerprint when lines are added above
// its directive.
func TestMetaFingerprints(t *testing.T) {
	base := "FROM alpine:3.20\n# infralint ignore=DL3008 -- x\nRUN true\n"
	moved := "# a comment\n\nARG A=1\n" + base
	fp := func(src string) string {
		out := Apply([]Evaluated{{Doc: parseDockerfile(t, src)}}, Options{Rules: newFakeRules()})
		if len(out.Kept) != 1 {
			t.Fatalf("kept = %+v", out.Kept)
		}
		return out.Kept[0].Fingerprint
	}
	if a, b := fp(base), fp(moved); a != b {
		t.Errorf("fingerprint changed: %s → %s", a, b)
	}
}

func TestNoInline(t *testing.T) {
	doc := parseDockerfile(t, dockerfileWithDirectives)
	findings := []model.Finding{finding("user-root", "Dockerfile", 14)}
	out := Apply([]Evaluated{{Doc: doc, Findings: findings}}, Options{Rules: newFakeRules(), NoInline: true})
	if len(out.Kept) != 1 || len(out.Suppressed) != 0 || len(out.Warnings) != 0 {
		t.Errorf("NoInline: %+v", out)
	}
}

// lineLocator knows no nodes: a YAML parser that does not implement NodeLocator yet.
type lineLocator struct{ src *model.Source }

func (l lineLocator) Locate(string) model.Range { return l.src.LineRange(1, 1) }
func (lineLocator) File(string) string          { return "" }
func (lineLocator) Anchor(p string) string      { return p }
func (lineLocator) Context(string) string       { return "" }

// nodeLocator knows one node: lines 3-5.
type nodeLocator struct{ lineLocator }

func (nodeLocator) NodeStartingAt(file string, line int) (model.Range, bool) {
	if file == "" && line == 3 {
		return model.Range{Start: model.Position{Line: 3, Column: 3}, End: model.Position{Line: 5, Column: 9}}, true
	}
	return model.Range{}, false
}

func TestApplyYAML(t *testing.T) {
	text := "spec:\n  # infralint ignore=no-privileged -- CNI\n  securityContext:\n    privileged: true\n    runAsUser: 0\n" +
		"image: nginx # infralint ignore=base-image-untagged -- mirrored\nother: 1\n"
	src := model.NewSource([]byte(text))
	findings := []model.Finding{
		finding("no-privileged", "k8s.yaml", 4),
		finding("no-privileged", "k8s.yaml", 5),
		finding("base-image-untagged", "k8s.yaml", 6),
		finding("base-image-untagged", "k8s.yaml", 7),
	}
	for _, tc := range []struct {
		name string
		loc  model.Locator
		kept []string
	}{
		// With nodes, the directive covers the whole securityContext entry.
		{"node locator", nodeLocator{lineLocator{src}}, []string{"base-image-untagged:7"}},
		// Without, it covers the next line only.
		// (and so, here, nothing: the key line has no finding).
		{"line fallback", lineLocator{src}, []string{"base-image-untagged:7", "no-privileged:4", "no-privileged:5", "unused-suppression:2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &model.Document{Kind: model.KindKubernetes, Path: "k8s.yaml", Source: src, Locations: tc.loc}
			out := Apply([]Evaluated{{Doc: doc, Findings: slices.Clone(findings)}}, Options{Rules: newFakeRules()})
			if d := cmp.Diff(tc.kept, lines(out.Kept)); d != "" {
				t.Errorf("kept (-want +got):\n%s", d)
			}
		})
	}
}

// TestApplyAcrossDocuments: a directive in a file serves every document read from it,
// and is unused only if no document uses it.
func TestApplyAcrossDocuments(t *testing.T) {
	text := "# infralint ignore-file=no-privileged -- lab cluster\na: 1\n---\nb: 2\n"
	src := model.NewSource([]byte(text))
	docA := &model.Document{Kind: model.KindKubernetes, Path: "all.yaml", Source: src, Locations: lineLocator{src}}
	docB := &model.Document{Kind: model.KindKubernetes, Path: "all.yaml", Source: src, Locations: lineLocator{src}}
	out := Apply([]Evaluated{
		{Doc: docA},
		{Doc: docB, Findings: []model.Finding{finding("no-privileged", "all.yaml", 4)}},
	}, Options{Rules: newFakeRules()})
	if len(out.Kept) != 0 || len(out.Suppressed) != 1 {
		t.Errorf("kept %v, suppressed %v", lines(out.Kept), lines(out.Suppressed))
	}
}

// TestAnnotation: a Kubernetes object's infralint.io/ignore annotation suppresses its
// findings, wherever they are, and only its own. The input has the shape the Kubernetes
// parser gives (the object's own fields).
func TestAnnotation(t *testing.T) {
	text := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    infralint.io/ignore: \"no-privileged, DL3002 -- lab\"\n"
	src := model.NewSource([]byte(text))
	input := map[string]any{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]any{"name": "a", "annotations": map[string]any{AnnotationKey: "no-privileged, DL3002 -- lab"}},
	}
	pod := &model.Document{Kind: model.KindKubernetes, Path: "pod.yaml", Source: src, Input: input, Locations: lineLocator{src}}
	other := &model.Document{Kind: model.KindKubernetes, Path: "pod.yaml", Source: src, Input: map[string]any{"kind": "Pod"}, Locations: lineLocator{src}}
	out := Apply([]Evaluated{
		{Doc: pod, Findings: []model.Finding{finding("no-privileged", "pod.yaml", 2), finding("apt-get-unpinned", "pod.yaml", 3)}},
		{Doc: other, Findings: []model.Finding{finding("no-privileged", "pod.yaml", 9)}},
	}, Options{Rules: newFakeRules()})
	if d := cmp.Diff([]string{"apt-get-unpinned:3", "no-privileged:9", "unused-suppression:1"}, lines(out.Kept)); d != "" {
		t.Errorf("kept (-want +got):\n%s", d)
	}
	if len(out.Suppressed) != 1 || out.Suppressed[0].Suppressed.Justification != "lab" {
		t.Errorf("suppressed = %+v", out.Suppressed)
	}
	for _, f := range out.Kept {
		if f.RuleID == RuleUnused && !strings.Contains(f.Message, "DL3002 (user-root) is unused: the rule reports nothing about this object") {
			t.Errorf("unused message %q", f.Message)
		}
	}
}
