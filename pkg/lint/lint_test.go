package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// engine is a real engine running only the given rules, so rules other engineers add
// do not change these tests.
func engine(t *testing.T, only ...string) *rules.Engine {
	t.Helper()
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(reg, rules.Selection{Only: only})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func lintSource(t *testing.T, eng *rules.Engine, src string) []model.Finding {
	t.Helper()
	findings, errs := Source(context.Background(), eng, model.KindDockerfile, "svc/Dockerfile", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	return findings
}

// located is a finding as the tests compare it.
type located struct {
	rule, text  string
	line        int
	fingerprint string
}

// locate lists findings in source order with the text they point at.
func locate(t *testing.T, src string, fs []model.Finding) []located {
	t.Helper()
	s := model.NewSource([]byte(src))
	res := report.Result{Findings: fs}
	res.Sort()
	var out []located
	for _, f := range res.Findings {
		if f.Fingerprint == "" {
			t.Errorf("%s at %s has no fingerprint", f.RuleID, f.Range)
		}
		out = append(out, located{rule: f.RuleID, text: s.TextOf(f.Range), line: f.Range.Start.Line, fingerprint: f.Fingerprint})
	}
	return out
}

var bothRules = []string{"base-image-untagged", "apt-get-no-install-recommends"}

// TestFingerprintsSurviveEdits lints a file, inserts lines (and an instruction) above
// the findings, and lints again: every finding moves down and keeps its fingerprint.
func TestFingerprintsSurviveEdits(t *testing.T) {
	eng := engine(t, bothRules...)
	before := "FROM debian:12.5\n" +
		"RUN apt-get update \\\n" +
		"    && apt-get install -y curl\n" +
		"FROM ubuntu AS final\n" +
		"RUN apt-get install -y git\n"
	after := "# syntax=docker/dockerfile:1\n" +
		"# Lines added above every finding.\n" +
		"ARG UNUSED=1\n" +
		"\n" +
		"FROM debian:12.5\n" +
		"LABEL org.opencontainers.image.title=x\n" +
		"RUN apt-get update \\\n" +
		"    && apt-get install -y curl\n" +
		"\n" +
		"FROM ubuntu AS final\n" +
		"ENV A=1\n" +
		"RUN apt-get install -y git\n"

	b := locate(t, before, lintSource(t, eng, before))
	a := locate(t, after, lintSource(t, eng, after))
	wantText := []string{"apt-get install -y curl", "ubuntu", "apt-get install -y git"}
	if len(b) != len(wantText) || len(a) != len(wantText) {
		t.Fatalf("findings before %+v, after %+v; want %d each", b, a, len(wantText))
	}
	for i := range b {
		if b[i].text != wantText[i] || a[i].text != wantText[i] {
			t.Errorf("finding %d points at %q before and %q after, want %q", i, b[i].text, a[i].text, wantText[i])
		}
		if a[i].line == b[i].line {
			t.Errorf("finding %d (%s) is on line %d both times: the edit did not move it", i, b[i].rule, a[i].line)
		}
		if a[i].fingerprint != b[i].fingerprint {
			t.Errorf("finding %d (%s %q) changed fingerprint after lines were added above it", i, b[i].rule, b[i].text)
		}
	}
	seen := map[string]bool{}
	for _, f := range b {
		if seen[f.fingerprint] {
			t.Errorf("fingerprint %s used twice", f.fingerprint)
		}
		seen[f.fingerprint] = true
	}
}

// TestFingerprintsOfIdenticalFindings: identical offending instructions get different
// fingerprints, and each keeps its own when instructions are added above them.
func TestFingerprintsOfIdenticalFindings(t *testing.T) {
	eng := engine(t, "apt-get-no-install-recommends")
	const bad = "RUN apt-get install -y curl\n"
	filler := func(n int) string { return strings.Repeat("LABEL a=b\n", n) }
	// The two identical RUNs are instructions 5 and 12, then 10 and 17 after five
	// instructions are added above: as text, "12" sorts before "5" but "10" before "17".
	before := "FROM debian:12.5\n" + filler(4) + bad + filler(6) + bad
	after := "FROM debian:12.5\n" + filler(5) + filler(4) + bad + filler(6) + bad

	b := locate(t, before, lintSource(t, eng, before))
	a := locate(t, after, lintSource(t, eng, after))
	if len(b) != 2 || len(a) != 2 {
		t.Fatalf("findings before %+v, after %+v; want 2 each", b, a)
	}
	if b[0].fingerprint == b[1].fingerprint {
		t.Errorf("two identical findings share fingerprint %s", b[0].fingerprint)
	}
	if diff := cmp.Diff([]int{6, 13}, []int{b[0].line, b[1].line}); diff != "" {
		t.Errorf("lines before (-want +got):\n%s", diff)
	}
	for i := range b {
		if a[i].fingerprint != b[i].fingerprint {
			t.Errorf("occurrence %d (line %d, then %d) changed fingerprint", i, b[i].line, a[i].line)
		}
	}
}

// TestPathsKeepsGoodFiles: a file that does not parse is an error, the other file's
// findings are still there, and the output is sorted.
func TestPathsKeepsGoodFiles(t *testing.T) {
	eng := engine(t, bothRules...)
	dir := t.TempDir()
	for name, src := range map[string]string{
		"a/Dockerfile": "FROM alpine:3.20\nRUN <<EOF\necho never closed\n",
		"b/Dockerfile": "FROM ubuntu\n",
		"c/Dockerfile": "FROM ubuntu:latest\nFROM debian\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, jobs := range []int{1, 4} {
		res := Paths(context.Background(), eng, []string{"."}, Options{Jobs: jobs})
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.File+":"+f.Range.String()+":"+f.RuleID)
		}
		want := []string{
			filepath.FromSlash("b/Dockerfile") + ":1:6-1:12:base-image-untagged",
			filepath.FromSlash("c/Dockerfile") + ":1:6-1:19:base-image-untagged",
			filepath.FromSlash("c/Dockerfile") + ":2:6-2:12:base-image-untagged",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("-j %d findings (-want +got):\n%s", jobs, diff)
		}
		if len(res.Errors) != 1 || res.Errors[0].File != filepath.FromSlash("a/Dockerfile") || res.Errors[0].Range == nil || res.Errors[0].Range.Start.Line != 2 {
			t.Errorf("-j %d errors = %v, want one for a/Dockerfile line 2", jobs, res.Errors)
		}
		if res.Files != 3 {
			t.Errorf("-j %d files = %d, want 3", jobs, res.Files)
		}
	}
}

// TestUnnamedObjectMessage: an object whose name is null (a template that renders
// `name: {{ .Values.missing }}`) is named in messages as one with no name, not "null".
func TestUnnamedObjectMessage(t *testing.T) {
	eng := engine(t, "naked-pod")
	for _, metadata := range []string{"metadata:\n  name: null\n", "metadata:\n  name:\n", "metadata: {}\n"} {
		src := "apiVersion: v1\nkind: Pod\n" + metadata + "spec:\n  containers:\n    - name: app\n      image: app:1.0\n"
		findings, errs := Source(context.Background(), eng, model.KindKubernetes, "pod.yaml", []byte(src))
		if len(errs) > 0 || len(findings) != 1 {
			t.Fatalf("%q: findings %v, errors %v", metadata, findings, errs)
		}
		if got, want := findings[0].Message, `Pod "" is not managed by a controller`; got != want {
			t.Errorf("%q: message %q, want %q", metadata, got, want)
		}
	}
}
