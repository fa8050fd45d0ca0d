package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

const (
	sampleTemplate = "apiVersion: apps/v1\n" +
		"kind: Deployment\n" +
		"spec:\n" +
		"  template:\n" +
		"    spec:\n" +
		"      containers:\n" +
		"        - name: web\n" +
		"          image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n"
	sampleValues = "image:\n" +
		"  repository: nginx\n" +
		"  tag: latest\n"
)

// ciResult is the sample result plus what the CI formats must handle besides: a Helm
// finding with a related location in a values file, and text that needs escaping in
// GitHub's workflow commands (%, newlines, ':' and ',' in a path).
func ciResult(t *testing.T) *Result {
	t.Helper()
	r := sampleResult(t)
	tmpl := model.NewSource([]byte(sampleTemplate))
	values := model.NewSource([]byte(sampleValues))
	r.Findings = append(r.Findings,
		model.Finding{
			RuleID: "image-tag-latest", Severity: model.SeverityWarning, Category: "reliability",
			HelpURI: "https://kubernetes.io/docs/concepts/containers/images/",
			Message: "container \"web\" uses image \"nginx:latest\": 100% of rollouts may change it,\nsilently",
			File:    "charts/web/templates/deployment.yaml", Range: rangeOf(t, tmpl, 8, "image:", -1),
			Pointer: "/spec/template/spec/containers/0/image", Context: "deployment web, container web",
			Fingerprint: "77aa01be5c3d9e20",
			Related: []model.Location{{
				File: "charts/web/values.yaml", Range: rangeOf(t, values, 3, "tag: latest", 0),
				Message: "value image.tag",
			}},
		},
		model.Finding{
			RuleID: "pipe-to-shell", Severity: model.SeverityWarning, Category: "security",
			Message: "a script downloaded with curl is piped to sh",
			File:    "odd: dir,1/Dockerfile", Range: model.Range{Start: model.Position{Line: 1, Column: 1}, End: model.Position{Line: 1, Column: 5}},
			Pointer: "/stages/0/instructions/0", Fingerprint: "5f2c9a0e41d7b3c8",
		},
	)
	r.Rules = append(r.Rules, model.Rule{
		ID: "image-tag-latest", Target: model.KindKubernetes, Title: "Pin image versions",
		Description: "An image should not use the `latest` tag.", Severity: model.SeverityWarning,
		Category: "reliability", Enabled: true,
		References: []model.Reference{{URL: "https://kubernetes.io/docs/concepts/containers/images/"}},
		Source:     "builtin",
	})
	r.Sources["charts/web/templates/deployment.yaml"] = tmpl
	r.Sort()
	return r
}

// TestCIGolden pins the CI formats' output. Run `go test ./pkg/report -update` after an
// intended change and review the diff.
func TestCIGolden(t *testing.T) {
	for _, tc := range []struct {
		golden, format string
		result         func(*testing.T) *Result
	}{
		{"golden.github.txt", "github", ciResult},
		{"golden.checkstyle.xml", "checkstyle", ciResult},
		{"golden.junit.xml", "junit", ciResult},
		{"golden.codeclimate.json", "codeclimate", ciResult},
		{"golden-related.sarif", "sarif", ciResult},
		{"golden-related.json", "json", ciResult},
		{"golden-empty.github.txt", "github", func(*testing.T) *Result { return emptyResult() }},
		{"golden-empty.checkstyle.xml", "checkstyle", func(*testing.T) *Result { return emptyResult() }},
		{"golden-empty.junit.xml", "junit", func(*testing.T) *Result { return emptyResult() }},
		{"golden-empty.codeclimate.json", "codeclimate", func(*testing.T) *Result { return emptyResult() }},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, Options{}, tc.result(t))
			if again := render(t, tc.format, Options{}, tc.result(t)); !bytes.Equal(got, again) {
				t.Fatal("two runs on the same result differ")
			}
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestGitHubEscaping decodes each workflow command as the Actions runner does
// (actions/runner ActionCommand.Parse) and checks that the message and the properties
// come back intact.
func TestGitHubEscaping(t *testing.T) {
	out := string(render(t, "github", Options{}, ciResult(t)))
	unescapeData := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	unescapeProp := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	type command struct {
		level string
		props map[string]string
		msg   string
	}
	var cmds []command
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		rest, ok := strings.CutPrefix(line, "::")
		if !ok {
			t.Fatalf("not a workflow command: %q", line)
		}
		head, msg, ok := strings.Cut(rest, "::")
		if !ok {
			t.Fatalf("no message: %q", line)
		}
		level, propText, _ := strings.Cut(head, " ")
		c := command{level: level, props: map[string]string{}, msg: unescapeData.Replace(msg)}
		for _, kv := range strings.Split(propText, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property %q of %q has no value", kv, line)
			}
			c.props[k] = unescapeProp.Replace(v)
		}
		cmds = append(cmds, c)
	}
	find := func(file string) command {
		for _, c := range cmds {
			if c.props["file"] == file {
				return c
			}
		}
		t.Fatalf("no command for %s in:\n%s", file, out)
		return command{}
	}
	helm := find("charts/web/templates/deployment.yaml")
	if want := "container \"web\" uses image \"nginx:latest\": 100% of rollouts may change it,\nsilently (deployment web, container web)\nhttps://kubernetes.io/docs/concepts/containers/images/"; helm.msg != want {
		t.Errorf("message = %q, want %q", helm.msg, want)
	}
	if helm.level != "warning" || helm.props["line"] != "8" || helm.props["col"] != "11" || helm.props["title"] != "image-tag-latest: Pin image versions" {
		t.Errorf("helm command = %+v", helm)
	}
	if odd := find("odd: dir,1/Dockerfile"); odd.props["endColumn"] != "4" {
		t.Errorf("endColumn = %q, want the last column of the range (4)", odd.props["endColumn"])
	}
	multi := find("Dockerfile")
	for _, c := range cmds {
		if c.props["file"] == "Dockerfile" && c.props["line"] == "5" {
			multi = c
		}
	}
	if _, ok := multi.props["col"]; ok || multi.props["endLine"] != "6" {
		t.Errorf("a range over lines 5-6 must have endLine and no columns: %+v", multi)
	}
	if c := find("old dir/Dockerfile.dev"); c.level != "error" {
		t.Errorf("file error = %+v", c)
	}
	if c := find("k8s/app.yaml"); c.level != "error" {
		t.Errorf("first k8s/app.yaml command = %+v, want the parse error", c)
	}
	levels := map[string]int{}
	for _, c := range cmds {
		levels[c.level]++
	}
	if diff := cmp.Diff(map[string]int{"error": 3, "warning": 4, "notice": 1}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
}

// TestCIXMLWellFormed parses the XML formats back and counts what they hold.
func TestCIXMLWellFormed(t *testing.T) {
	r := ciResult(t)
	var cs checkstyleReport
	if err := xml.Unmarshal(render(t, "checkstyle", Options{}, r), &cs); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range cs.Files {
		n += len(f.Errors)
	}
	if n != len(r.Findings)+len(r.Errors) {
		t.Errorf("checkstyle has %d entries, want %d", n, len(r.Findings)+len(r.Errors))
	}
	var ju junitSuites
	if err := xml.Unmarshal(render(t, "junit", Options{}, r), &ju); err != nil {
		t.Fatal(err)
	}
	if ju.Failures != len(r.Findings) || ju.Errors != len(r.Errors) || ju.Tests != ju.Failures+ju.Errors {
		t.Errorf("junit counts: tests %d, failures %d, errors %d", ju.Tests, ju.Failures, ju.Errors)
	}
	var empty junitSuites
	if err := xml.Unmarshal(render(t, "junit", Options{}, emptyResult()), &empty); err != nil {
		t.Fatal(err)
	}
	if empty.Tests != 1 || empty.Failures != 0 || len(empty.Suites) != 1 {
		t.Errorf("a clean run must be one passing test: %+v", empty)
	}
}

// TestCodeClimateFingerprintsUnique: GitLab keys issues by fingerprint, so two
// findings of one rule on one node must still get two.
func TestCodeClimateFingerprintsUnique(t *testing.T) {
	r := ciResult(t)
	r.Findings = append(r.Findings, r.Findings[0])
	var issues []ccIssue
	if err := json.Unmarshal(render(t, "codeclimate", Options{}, r), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s twice", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if is.Location.Path == "" || is.Location.Lines.Begin < 1 || is.Description == "" || is.CheckName == "" {
			t.Errorf("incomplete issue %+v", is)
		}
	}
	// Stable: the same finding gets the same fingerprint in another run, whatever else
	// the file holds.
	other := &Result{Findings: []model.Finding{r.Findings[0]}}
	var one []ccIssue
	if err := json.Unmarshal(render(t, "codeclimate", Options{}, other), &one); err != nil {
		t.Fatal(err)
	}
	if one[0].Fingerprint != issues[len(r.Errors)].Fingerprint {
		t.Errorf("fingerprint of the same finding changed: %s vs %s", one[0].Fingerprint, issues[len(r.Errors)].Fingerprint)
	}
}

// TestSARIFGitHubLimits: one run with an automation ID, results capped at GitHub's
// limit keeping the most severe, related locations linked from the message.
func TestSARIFGitHubLimits(t *testing.T) {
	r := &Result{}
	for i := range maxSARIFResults + 10 {
		sev := model.SeverityInfo
		if i%1000 == 7 {
			sev = model.SeverityError
		}
		r.Findings = append(r.Findings, model.Finding{
			RuleID: "r", Severity: sev, Message: "m", File: fmt.Sprintf("f%05d", i),
			Range: model.Range{Start: model.Position{Line: 1, Column: 1}, End: model.Position{Line: 1, Column: 2}},
		})
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Invocations       []struct {
				Notifications []struct{ Level string } `json:"toolExecutionNotifications"`
			}
			Results []struct {
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						Region *struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, "sarif", Options{}, r), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || log.Runs[0].AutomationDetails.ID != "infralint/" {
		t.Fatalf("runs: %d, automation id %q", len(log.Runs), log.Runs[0].AutomationDetails.ID)
	}
	run := log.Runs[0]
	if len(run.Results) != maxSARIFResults {
		t.Errorf("%d results, want %d", len(run.Results), maxSARIFResults)
	}
	errorsKept := 0
	for _, res := range run.Results {
		if res.Level == "error" {
			errorsKept++
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region == nil {
			t.Fatal("a result without a region")
		}
	}
	if errorsKept != 26 {
		t.Errorf("%d error results kept, want all 26", errorsKept)
	}
	if n := run.Invocations[0].Notifications; len(n) != 1 || n[0].Level != "warning" {
		t.Errorf("notifications = %+v, want one warning about the cap", n)
	}

	out := string(render(t, "sarif", Options{}, ciResult(t)))
	for _, want := range []string{`"relatedLocations"`, `See [value image.tag (charts/web/values.yaml:3)](1).`} {
		if !strings.Contains(out, want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
}
