package suppress

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

func TestBaselineRoundTrip(t *testing.T) {
	findings := []model.Finding{
		{RuleID: "user-root", File: "b/Dockerfile", Message: "runs as root", Fingerprint: "ff01"},
		{RuleID: "apt-get-unpinned", File: "a/Dockerfile", Message: `package "curl"`, Fingerprint: "aa02"},
		{RuleID: "apt-get-unpinned", File: "a/Dockerfile", Message: `package "git"`, Fingerprint: "aa01"},
		{RuleID: "apt-get-unpinned", File: "a/Dockerfile", Message: `package "git"`, Fingerprint: "aa01"}, // twice: once
		{RuleID: "no-fingerprint", File: "a/Dockerfile", Message: "m"},
	}
	b := NewBaseline(findings)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "tool": "infralint",
  "findings": [
    {
      "fingerprint": "aa01",
      "rule": "apt-get-unpinned",
      "file": "a/Dockerfile",
      "message": "package \"git\""
    },
    {
      "fingerprint": "aa02",
      "rule": "apt-get-unpinned",
      "file": "a/Dockerfile",
      "message": "package \"curl\""
    },
    {
      "fingerprint": "ff01",
      "rule": "user-root",
      "file": "b/Dockerfile",
      "message": "runs as root"
    }
  ]
}
`
	if d := cmp.Diff(want, buf.String()); d != "" {
		t.Errorf("baseline file (-want +got):\n%s", d)
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := b.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	read, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []model.Finding{
		{RuleID: "apt-get-unpinned", File: "a/Dockerfile", Fingerprint: "aa01"},
		{RuleID: "apt-get-unpinned", File: "a/Dockerfile", Fingerprint: "aa03"},
		{RuleID: "user-root", File: "b/Dockerfile", Fingerprint: "ff01"},
	}
	fresh, known := read.Filter(now)
	if len(fresh) != 1 || fresh[0].Fingerprint != "aa03" || len(known) != 2 {
		t.Fatalf("fresh %+v, known %+v", fresh, known)
	}
	for _, k := range known {
		if k.Suppressed == nil || k.Suppressed.Kind != model.SuppressExternal || !strings.Contains(k.Suppressed.Justification, path) {
			t.Errorf("baselined finding %+v", k.Suppressed)
		}
	}
	if now[0].Suppressed != nil {
		t.Error("Filter changed its input")
	}
}

func TestBaselineRejects(t *testing.T) {
	for name, tc := range map[string]struct{ text, want string }{
		"not JSON":       {"nope", "not an infralint baseline"},
		"a report":       {`{"version":1,"tool":{"name":"infralint"},"findings":[]}`, "not an infralint baseline"},
		"no version":     {`{"tool":"infralint","findings":[]}`, "no version"},
		"newer version":  {`{"version":2,"tool":"infralint","findings":[]}`, "upgrade infralint"},
		"no fingerprint": {`{"version":1,"tool":"infralint","findings":[{"rule":"x","file":"y","message":"z"}]}`, "no fingerprint"},
		"unknown field":  {`{"version":1,"tool":"infralint","findings":[],"extra":1}`, "unknown field"},
		"entry misspelt": {`{"version":1,"tool":"infralint","findings":[{"fingerprnt":"a"}]}`, "unknown field"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseBaseline("b.json", []byte(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "b.json") {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := ReadBaseline(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("a missing baseline is no error")
	}
}
