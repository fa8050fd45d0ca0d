package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
	"github.com/infralint/infralint/pkg/rules"
)

// teamNoCurl is a user rule as a team would write it: its own METADATA with an alias
// and an option, the shared helpers, and a deny rule that reads the option.
const teamNoCurl = `# METADATA
# title: Fetch only from allowed hosts
# description: |
#   curl in a RUN fetches from the network at build time.
#
#   Fetch only from the hosts the team allows.
# related_resources:
#   - ref: https://wiki.example.com/docker
# custom:
#   severity: error
#   category: security
#   aliases: [TEAM001]
#   options:
#     allowed_hosts:
#       type: array
#       default: ["example.com"]
#       description: Hosts curl may fetch from.
package infralint.rules.dockerfile["team-no-curl"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("curl fetches from %s", [host])) if {
	some [_, cmd] in df.commands
	cmd.name == "curl"
	some a in cmd.args
	startswith(a, "https://")
	host := split(a, "/")[2]
	not host in {h | some h in options.allowed_hosts}
}
`

// writePolicy writes a user policy directory with one file and returns the directory
// and the file's path as the loader names it.
func writePolicy(t *testing.T, rel, src string) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	file = filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func parse(t *testing.T, src string) *model.Document {
	t.Helper()
	doc, errs := dockerfile.Parse("Dockerfile", []byte(src))
	if doc == nil || len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	return doc
}

func ids(rs []model.Rule) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

const curlDockerfile = "FROM alpine:3.20\n" +
	"RUN curl -fsSL https://example.com/a.sh | sh\n" +
	"RUN curl -o /x https://evil.example.org/x\n"

func TestUserPolicy(t *testing.T) {
	dir, _ := writePolicy(t, "dockerfile/team-no-curl/team_no_curl.rego", teamNoCurl)
	reg, err := rules.Load(dir)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("on by default", func(t *testing.T) {
		eng, err := rules.New(reg, rules.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(eng.Rules()); !slices.Contains(got, "team-no-curl") || !slices.Contains(got, "base-image-untagged") {
			t.Errorf("default rules %v lack the user rule or the built-ins", got)
		}
	})
	t.Run("listed", func(t *testing.T) {
		all := reg.Rules()
		i := slices.IndexFunc(all, func(r model.Rule) bool { return r.ID == "team-no-curl" })
		if i < 0 {
			t.Fatalf("team-no-curl not among %v", ids(all))
		}
		r := all[i]
		if r.Source != dir || r.Target != model.KindDockerfile || r.Severity != model.SeverityError ||
			r.Category != "security" || !r.Enabled || r.Title != "Fetch only from allowed hosts" {
			t.Errorf("rule = %+v", r)
		}
		if !slices.Contains(ids(all), "base-image-untagged") {
			t.Errorf("built-in rules missing beside the user rule: %v", ids(all))
		}
		if !slices.IsSorted(ids(all)) {
			t.Errorf("rules not sorted: %v", ids(all))
		}
		want := []model.Option{{Name: "allowed_hosts", Type: "array", Default: []any{"example.com"}, Description: "Hosts curl may fetch from."}}
		if diff := cmp.Diff(want, r.Options); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		for _, name := range []string{"team-no-curl", "TEAM001", "team001"} {
			if got, ok := reg.Lookup(name); !ok || got.ID != "team-no-curl" {
				t.Errorf("Lookup(%q) = %q, %v", name, got.ID, ok)
			}
		}
	})

	tests := []struct {
		name  string
		sel   rules.Selection
		rules []string // enabled rules; nil for just team-no-curl
		want  []string // messages of the team rule's findings
	}{
		{
			name: "default option from METADATA",
			sel:  rules.Selection{Only: []string{"team-no-curl"}},
			want: []string{"curl fetches from evil.example.org"},
		},
		{
			name: "selected by alias",
			sel:  rules.Selection{Only: []string{"team001"}},
			want: []string{"curl fetches from evil.example.org"},
		},
		{
			name: "Selection.Options overrides the default",
			sel: rules.Selection{Only: []string{"team-no-curl"}, Options: map[string]map[string]any{
				"team-no-curl": {"allowed_hosts": []any{}},
			}},
			want: []string{"curl fetches from evil.example.org", "curl fetches from example.com"},
		},
		{
			name: "options given by alias",
			sel: rules.Selection{Only: []string{"team-no-curl"}, Options: map[string]map[string]any{
				"TEAM001": {"allowed_hosts": []any{"example.com", "evil.example.org"}},
			}},
			want: nil,
		},
		{
			name:  "disabled by alias",
			sel:   rules.Selection{Only: []string{"team-no-curl", "base-image-untagged"}, Disable: []string{"TEAM001"}},
			rules: []string{"base-image-untagged"},
			want:  nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eng, err := rules.New(reg, tc.sel)
			if err != nil {
				t.Fatal(err)
			}
			wantRules := tc.rules
			if wantRules == nil {
				wantRules = []string{"team-no-curl"}
			}
			if diff := cmp.Diff(wantRules, ids(eng.Rules())); diff != "" {
				t.Errorf("enabled rules (-want +got):\n%s", diff)
			}
			findings, err := eng.Evaluate(context.Background(), parse(t, curlDockerfile))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range findings {
				if f.RuleID != "team-no-curl" {
					continue
				}
				got = append(got, f.Message)
				if f.Severity != model.SeverityError || f.Category != "security" || f.HelpURI != "https://wiki.example.com/docker" {
					t.Errorf("finding carries %s/%s/%s, not the rule's METADATA", f.Severity, f.Category, f.HelpURI)
				}
				if !f.Range.Valid() || f.Range.Start.Line < 2 || f.Fingerprint == "" {
					t.Errorf("finding %q: range %s, fingerprint %q", f.Message, f.Range, f.Fingerprint)
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSelectionErrors(t *testing.T) {
	dir, _ := writePolicy(t, "team_no_curl.rego", teamNoCurl)
	reg, err := rules.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sel  rules.Selection
		want string // regexp
	}{
		{"unknown option", rules.Selection{Options: map[string]map[string]any{"team-no-curl": {"allowed_host": []any{}}}},
			`rule team-no-curl has no option "allowed_host"`},
		{"option of a rule without options", rules.Selection{Options: map[string]map[string]any{"DL3015": {"x": 1}}},
			`rule apt-get-no-install-recommends has no option "x"`},
		{"options of an unknown rule", rules.Selection{Options: map[string]map[string]any{"team-no-crul": {"allowed_hosts": []any{}}}},
			`unknown rule "team-no-crul" \(did you mean team-no-curl\?\)`},
		{"unknown rule in --only", rules.Selection{Only: []string{"base-image-untaged"}},
			`unknown rule "base-image-untaged" \(did you mean base-image-untagged\?\)`},
		{"unknown rule in --disable", rules.Selection{Disable: []string{"DL9051"}},
			`unknown rule "DL9051"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rules.New(reg, tc.sel)
			if err == nil {
				t.Fatalf("no error, want %s", tc.want)
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %s", err, tc.want)
			}
		})
	}
}

// TestBadMetadata: a user policy with bad METADATA is rejected, and the error names
// its file and the line of its package.
func TestBadMetadata(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           string // regexp, after "<file>:<line>: "
	}{
		{"missing title", "# title: Fetch only from allowed hosts\n", "", `METADATA has no title`},
		{"bad severity", "severity: error", "severity: critical", `custom.severity must be error, warning or info, not "critical"`},
		{"bad category", "category: security", "category: safety", `custom.category must be one of`},
		{"duplicate alias of a built-in", "aliases: [TEAM001]", "aliases: [TEAM001, dl3015]", `"dl3015" names both rule`},
		{"option without a default", "      default: [\"example.com\"]\n", "", `option allowed_hosts needs a default`},
		{"unknown custom field", "  category: security\n", "  category: security\n#   severity_override: low\n", `unknown custom field "severity_override"`},
		{"ID not kebab-case", `["team-no-curl"]`, `["Team_No_Curl"]`, `ID must be kebab-case`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(teamNoCurl, tc.from, tc.to, 1)
			if src == teamNoCurl {
				t.Fatalf("%q not found in the policy", tc.from)
			}
			dir, file := writePolicy(t, "dockerfile/team/team.rego", src)
			reg, err := rules.Load(dir)
			if err == nil {
				t.Fatalf("loaded (%d rules), want an error", len(reg.Rules()))
			}
			line := 1 + strings.Count(src[:strings.Index(src, "\npackage ")+1], "\n")
			prefix := regexp.QuoteMeta(file + ":" + strconv.Itoa(line) + ": ")
			if !regexp.MustCompile(prefix + ".*" + tc.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %s%s", err, prefix, tc.want)
			}
		})
	}
}

func TestLookupAliasesCaseInsensitive(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"DL3015", "dl3015", "Dl3015", "ds029", "DS-0029", "APT-GET-NO-INSTALL-RECOMMENDS"} {
		if r, ok := reg.Lookup(name); !ok || r.ID != "apt-get-no-install-recommends" {
			t.Errorf("Lookup(%q) = %q, %v", name, r.ID, ok)
		}
	}
	if r, ok := reg.Lookup("dl3007"); !ok || r.ID != "base-image-untagged" {
		t.Errorf("Lookup(dl3007) = %q, %v", r.ID, ok)
	}
	if _, ok := reg.Lookup("DL9999"); ok {
		t.Error("Lookup(DL9999) found a rule")
	}
	if got := reg.Suggest("base-image-untaged"); got != "base-image-untagged" {
		t.Errorf("Suggest = %q", got)
	}
}

func TestMissingPolicyDir(t *testing.T) {
	_, err := rules.Load(filepath.Join(t.TempDir(), "nosuch"))
	if err == nil || !strings.Contains(err.Error(), "nosuch") {
		t.Errorf("err = %v, want one naming the directory", err)
	}
}

// TestRepeatedFindingsCounted: two findings with the same rule, anchor and message (the
// same instruction written twice) get fingerprints of their own, numbered by
// occurrence, and keep them when lines are added above.
func TestRepeatedFindingsCounted(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(reg, rules.Selection{Only: []string{"apt-get-unpinned"}})
	if err != nil {
		t.Fatal(err)
	}
	const body = "RUN apt-get install -y curl\nRUN apt-get install -y curl\n"
	fingerprints := func(src string) []string {
		t.Helper()
		findings, err := eng.Evaluate(context.Background(), parse(t, src))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range findings {
			out = append(out, f.Fingerprint)
		}
		return out
	}
	got := fingerprints("FROM debian:12\n" + body)
	if len(got) != 2 || got[0] == got[1] {
		t.Fatalf("fingerprints %q: want two different ones", got)
	}
	if diff := cmp.Diff(got, fingerprints("FROM debian:12\n# a comment\n\n"+body)); diff != "" {
		t.Errorf("fingerprints moved with the lines above (-before +after):\n%s", diff)
	}
}
