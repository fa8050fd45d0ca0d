package suppress

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

// parsed is a directive as the table compares it.
type parsed struct {
	Line    int
	Scope   Scope
	Names   []string
	Reason  string
	Foreign bool
}

func summarize(ds []Directive) []parsed {
	var out []parsed
	for _, d := range ds {
		p := parsed{Line: d.Line, Scope: d.Scope, Reason: d.Reason, Foreign: d.Foreign}
		for _, n := range d.Rules {
			p.Names = append(p.Names, n.Name)
		}
		out = append(out, p)
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		syntax   Syntax
		src      string
		want     []parsed
		problems []string // substrings, one per problem
	}{
		{
			name: "one rule, reason",
			src:  "# infralint ignore=user-root -- the entrypoint drops privileges\nFROM x\n",
			want: []parsed{{Line: 1, Scope: ScopeNext, Names: []string{"user-root"}, Reason: "the entrypoint drops privileges"}},
		},
		{
			name: "several rules and aliases, no reason",
			src:  "FROM x\n# infralint ignore=DL3008,apt-get-no-install-recommends,dl3009\nRUN y\n",
			want: []parsed{{Line: 2, Scope: ScopeNext, Names: []string{"DL3008", "apt-get-no-install-recommends", "dl3009"}}},
		},
		{
			name: "spacing: no space after #, spaces around = and commas, tabs",
			src:  "#infralint ignore = a , b,\tc --   why not  \n\t  #   infralint\tignore=d\n",
			want: []parsed{
				{Line: 1, Scope: ScopeNext, Names: []string{"a", "b", "c"}, Reason: "why not"},
				{Line: 2, Scope: ScopeNext, Names: []string{"d"}},
			},
		},
		{
			name: "reason without a space before the dashes",
			src:  "# infralint ignore=a,b--tight\n",
			want: []parsed{{Line: 1, Scope: ScopeNext, Names: []string{"a", "b"}, Reason: "tight"}},
		},
		{
			name: "empty reason",
			src:  "# infralint ignore=a --\n",
			want: []parsed{{Line: 1, Scope: ScopeNext, Names: []string{"a"}}},
		},
		{
			name: "ignore-file",
			src:  "# infralint ignore-file=maintainer-deprecated -- legacy\nFROM x\n",
			want: []parsed{{Line: 1, Scope: ScopeFile, Names: []string{"maintainer-deprecated"}, Reason: "legacy"}},
		},
		{
			name: "CRLF line endings",
			src:  "FROM x\r\n# infralint ignore=a,b -- crlf\r\nRUN y\r\n# infralint ignore-file=c\r\n",
			want: []parsed{
				{Line: 2, Scope: ScopeNext, Names: []string{"a", "b"}, Reason: "crlf"},
				{Line: 4, Scope: ScopeFile, Names: []string{"c"}},
			},
		},
		{
			name: "hadolint pragmas",
			src:  "# hadolint ignore=DL3008,DL3015\nRUN x\n# hadolint global ignore=DL3007\n# hadolint shell=powershell\n",
			want: []parsed{
				{Line: 1, Scope: ScopeNext, Names: []string{"DL3008", "DL3015"}, Foreign: true},
				{Line: 3, Scope: ScopeFile, Names: []string{"DL3007"}, Foreign: true},
			},
		},
		{
			name: "comments that are not directives",
			src:  "# infralint lints this file\n# ignore=a\n# infralintignore=a\n# see infralint ignore=a\nRUN echo '# infralint ignore=a'\n",
		},
		{
			name: "a Dockerfile has no trailing comments",
			src:  "RUN make # infralint ignore=a\n",
		},
		{
			name:     "unreadable directives are problems",
			src:      "# infralint ignore\n# infralint ignore=\n# infralint disable=a\n# infralint ignore=a because\n",
			problems: []string{"cannot read", "names no rule", "cannot read", "unexpected text"},
		},
		{
			name:   "YAML: own line and trailing comments",
			syntax: YAML,
			src: "spec:\n  # infralint ignore=no-privileged -- CNI needs it\n  containers:\n" +
				"    - image: nginx  # infralint ignore=image-untagged -- mirrored\n" +
				"      name: \"a # infralint ignore=x\"\n" +
				"      args: ['#', 'b'] # infralint ignore=y\n",
			want: []parsed{
				{Line: 2, Scope: ScopeNext, Names: []string{"no-privileged"}, Reason: "CNI needs it"},
				{Line: 4, Scope: ScopeLine, Names: []string{"image-untagged"}, Reason: "mirrored"},
				{Line: 6, Scope: ScopeLine, Names: []string{"y"}},
			},
		},
		{
			name:   "YAML: a trailing ignore-file still covers the file",
			syntax: YAML,
			src:    "a: 1 # infralint ignore-file=z\n",
			want:   []parsed{{Line: 1, Scope: ScopeFile, Names: []string{"z"}}},
		},
		{
			name: "no directives at all",
			src:  "FROM alpine:3.20\nRUN true\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, ps := Parse(model.NewSource([]byte(tc.src)), tc.syntax)
			if d := cmp.Diff(tc.want, summarize(ds)); d != "" {
				t.Errorf("directives (-want +got):\n%s", d)
			}
			if len(ps) != len(tc.problems) {
				t.Fatalf("problems = %+v, want %d", ps, len(tc.problems))
			}
			for i, p := range ps {
				if !strings.Contains(p.Message, tc.problems[i]) {
					t.Errorf("problem %d = %q, want %q", i, p.Message, tc.problems[i])
				}
			}
		})
	}
}

// TestParseRanges: each name has the exact columns it is written at (for editors and
// for unused-suppression findings), also after tabs and non-ASCII text.
func TestParseRanges(t *testing.T) {
	src := model.NewSource([]byte("\t# héllo infralint? no\n  # infralint ignore=DL3008, user-root -- x\n"))
	ds, _ := Parse(src, Dockerfile)
	if len(ds) != 1 {
		t.Fatalf("directives = %+v", ds)
	}
	d := ds[0]
	if got := src.TextOf(d.Range); got != "# infralint ignore=DL3008, user-root -- x" {
		t.Errorf("directive range covers %q", got)
	}
	for i, want := range []string{"DL3008", "user-root"} {
		if got := src.TextOf(d.Rules[i].Range); got != want {
			t.Errorf("name %d range covers %q, want %q", i, got, want)
		}
	}
}
