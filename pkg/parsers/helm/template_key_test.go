package helm

import (
	"regexp"
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
