package discover

import (
	"regexp"
	"testing"
)

// The regular expressions hasKeyWithValue stands for.
var (
	apiVersionLine = regexp.MustCompile(`(?m)^apiVersion:[ \t]*\S`)
	kindLine       = regexp.MustCompile(`(?m)^kind:[ \t]*\S`)
)

var keyLineSeeds = []string{
	"",
	"apiVersion: v1\nkind: Pod\n",
	"apiVersion:v1\nkind:Pod",
	"apiVersion:\nkind:\n",
	"apiVersion: \t \n  v1\nkind: \r\n",
	"apiVersion:\t\fx\nkind:\vPod\n",
	"  apiVersion: v1\n  kind: Pod\n",
	"# apiVersion: v1\nxkind: Pod\n",
	"metadata:\n  kind: x\nkind: Pod\napiVersion: apps/v1",
	"apiVersion: v1\r\nkind: \xff\r\n",
	"\rapiVersion: v1\n\rkind: Pod\n",
	"apiVersion: v1\nkind: Pod\n---\napiVersion:\nkind:",
	"apiVersionkind:apiVersion:apiVersion: kind: kind:",
	"kind:kind:kind:\nkind:  \nkind:\t\t",
	"apiVersion: ",
	"apiVersion: \u00a0\nkind: \u2003x\n",
}

// TestKeyLinesAsRegexp: hasKeyWithValue finds what the regular expressions find.
func TestKeyLinesAsRegexp(t *testing.T) {
	for _, s := range keyLineSeeds {
		checkKeyLines(t, []byte(s))
	}
}

func FuzzKeyLinesAsRegexp(f *testing.F) {
	for _, s := range keyLineSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkKeyLines)
}

func checkKeyLines(t *testing.T, text []byte) {
	if got, want := hasKeyWithValue(text, "apiVersion:"), apiVersionLine.Match(text); got != want {
		t.Errorf("apiVersion in %q: %v, want %v", text, got, want)
	}
	if got, want := hasKeyWithValue(text, "kind:"), kindLine.Match(text); got != want {
		t.Errorf("kind in %q: %v, want %v", text, got, want)
	}
}
