package helm

import (
	"regexp"
	"strings"
	"testing"
)

// keyRe is the definition of literalKey: what it must find, and where it must find
// nothing.
var keyRe = regexp.MustCompile(`^(?:"([^"{}]*)"|'([^'{}]*)'|([^\s:{}#"'\[\]][^:{}#]*?))\s*:(?:\s|$)`)

func checkLiteralKey(t *testing.T, text string) {
	t.Helper()
	want, wantOK := "", false
	if m := keyRe.FindStringSubmatch(text); m != nil {
		want, wantOK = m[1]+m[2]+m[3], true
	}
	if got, ok := literalKey(text); got != want || ok != wantOK {
		t.Fatalf("literalKey(%q) = %q, %v; the expression gives %q, %v", text, got, ok, want, wantOK)
	}
}

func TestLiteralKey(t *testing.T) {
	for _, text := range []string{
		"", ":", "a:", "a: b", "a:b", "a :", "a \t: x", "name: {{ .Values.x }}", "{{ .x }}: y",
		`"quoted key": 1`, `"quo{ted": 1`, `'single': x`, `'a"b': c`, `"a'b":`, `"open: x`,
		"- item", "#comment: x", "[a]: b", "a[0]: b", "a#b: c", "a}b: c", "http://x: y",
		"key:\tvalue", "key:\rvalue", "key :value", "ключ: значение", "\xff: x", "a\xff: x",
		"  a: b", "a   ", "a: b: c", `"": x`, `'': x`, "a\f: b", "a:\f",
	} {
		checkLiteralKey(t, text)
	}
}

func FuzzLiteralKey(f *testing.F) {
	for _, s := range []string{"a: b", `"x": y`, "'x':", "a:b", "a #b: c"} {
		f.Add(s)
	}
	f.Fuzz(checkLiteralKey)
}

// actionOnlyRe is the definition of actionOnly.
var actionOnlyRe = regexp.MustCompile(`^(?:\{\{.*?\}\}\s*)+$`)

func checkActionOnly(t *testing.T, line string) {
	t.Helper()
	if strings.Contains(line, "\n") {
		return // a template line has none
	}
	if got, want := actionOnly(line), actionOnlyRe.MatchString(line); got != want {
		t.Fatalf("actionOnly(%q) = %v; the expression gives %v", line, got, want)
	}
}

func TestActionOnly(t *testing.T) {
	for _, line := range []string{
		"", "{{", "}}", "{{}", "{}}", "{{}}", "{{}}}", "{{{}}", "{{ x }}", "{{- x -}}  ", "{{ x }} {{ y }}",
		"{{ x }}\t{{ y }}\r", "{{ x }} y", "x {{ y }}", "{{ x }}}", "{{ x } }", "{{ a\r}}", "{{ a }}\v",
		"{{ a }}\f", "{{ \xff }}", "{{ x }} # c", "{{/* c */}}", "{{ if .x }}{{ end }}",
	} {
		checkActionOnly(t, line)
	}
}

func FuzzActionOnly(f *testing.F) {
	for _, s := range []string{"{{ x }}", "{{ x }} y", "{{}}", "{{ a }}\r{{ b }}"} {
		f.Add(s)
	}
	f.Fuzz(checkActionOnly)
}
