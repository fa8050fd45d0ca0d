package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infralint/infralint/pkg/model"
)

// The sources of the sample result. Line 3 of the Dockerfile has a tab and a non-ASCII
// character before its finding; lines 5-6 hold a range that spans lines; the YAML
// file has findings on one- and two-digit lines and a parse error.
const (
	sampleDockerfile = "FROM golang:1.22 AS builder\n" +
		"WORKDIR /src\n" +
		"RUN\techo \"héllo\" && curl -fsSL https://example.com/install.sh | sh\n" +
		"FROM ubuntu:latest\n" +
		"RUN apt-get update && \\\n" +
		"    apt-get install -y curl\n" +
		"USER app\n"
	sampleManifest = "apiVersion: apps/v1\n" +
		"kind: Deployment\n" +
		"metadata:\n" +
		"  name: web\n" +
		"spec:\n" +
		"  template:\n" +
		"    spec:\n" +
		"      containers:\n" +
		"        - name: web\n" +
		"          image: nginx\n" +
		"          securityContext:\n" +
		"            privileged: true\n" +
		"---\n" +
		"kind: [Service\n"
)

// sampleResult is a hand-built result that exercises every part of every format.
func sampleResult(t *testing.T) *Result {
	t.Helper()
	docker := model.NewSource([]byte(sampleDockerfile))
	manifest := model.NewSource([]byte(sampleManifest))
	parseErr := rangeOf(t, manifest, 14, "[", 0)
	return &Result{
		Tool: Tool{Name: "infralint", Version: "v1.2.0", InformationURI: "https://infralint.dev"},
		Findings: []model.Finding{
			{
				RuleID: "pipe-to-shell", Severity: model.SeverityWarning, Category: "security",
				Message: "a script downloaded with curl is piped to sh: download it, check it, then run it",
				File:    "Dockerfile", Range: rangeOf(t, docker, 3, "curl -fsSL", -1),
				Pointer: "/stages/0/instructions/1/commands/1", Context: "stage builder",
				Fingerprint: "5f2c9a0e41d7b3c8",
			},
			{
				RuleID: "no-latest-tag", Severity: model.SeverityWarning, Category: "reliability",
				HelpURI: "https://docs.docker.com/build/building/best-practices/#from",
				Message: "image \"ubuntu:latest\" uses the latest tag: pin a version or a digest",
				File:    "Dockerfile", Range: rangeOf(t, docker, 4, "ubuntu:latest", 0),
				Pointer: "/stages/1/from/image", Context: "stage 1", Fingerprint: "0b9e77d2c4a1f356",
			},
			{
				RuleID: "apt-no-install-recommends", Severity: model.SeverityInfo, Category: "efficiency",
				HelpURI: "https://docs.docker.com/build/building/best-practices/#apt-get",
				Message: "apt-get install without --no-install-recommends pulls in packages the image does not need",
				File:    "Dockerfile",
				Range:   model.Range{Start: rangeOf(t, docker, 5, "apt-get update", 0).Start, End: model.Position{Line: 6, Column: docker.LineEnd(6)}},
				Pointer: "/stages/1/instructions/0", Fingerprint: "c81f06aa9d2e4b70",
			},
			{
				RuleID: "no-privileged", Severity: model.SeverityError, Category: "security",
				HelpURI: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
				Message: "container \"web\" runs privileged: it has every capability of the host",
				File:    "k8s/app.yaml", Range: rangeOf(t, manifest, 12, "privileged: true", 0),
				Pointer:     "/spec/template/spec/containers/0/securityContext/privileged",
				Context:     "deployment web, container web",
				Fingerprint: "9d04be3317f6a2c5",
			},
		},
		Errors: []model.FileError{
			{File: "k8s/app.yaml", Range: &parseErr, Message: "yaml: did not find expected ',' or ']'"},
			{File: "old dir/Dockerfile.dev", Message: "open old dir/Dockerfile.dev: permission denied"},
		},
		Rules: []model.Rule{
			{
				ID: "apt-no-install-recommends", Target: model.KindDockerfile, Title: "Install apt packages without recommends",
				Description: "`apt-get install` should use `--no-install-recommends`.\n\nRecommended packages make the image larger and widen its attack surface. Add the flag and install what you need by name.",
				Severity:    model.SeverityInfo, Category: "efficiency", Enabled: true, Aliases: []string{"DL3015"},
				References: []model.Reference{{URL: "https://docs.docker.com/build/building/best-practices/#apt-get", Description: "Dockerfile best practices: apt-get"}},
				Source:     "builtin",
			},
			{
				ID: "no-latest-tag", Target: model.KindDockerfile, Title: "Pin base image versions",
				Description: "A base image should not use the `latest` tag.\n\nThe image behind `latest` changes without notice, so builds are not reproducible.",
				Severity:    model.SeverityWarning, Category: "reliability", Enabled: true, Aliases: []string{"DL3007"},
				References: []model.Reference{{URL: "https://docs.docker.com/build/building/best-practices/#from"}},
				Source:     "builtin",
			},
			{
				ID: "no-privileged", Target: model.KindKubernetes, Title: "Do not run privileged containers",
				Description: "A container should not run privileged.",
				Severity:    model.SeverityError, Category: "security", Enabled: true, Aliases: []string{"KSV017", "CKV_K8S_16"},
				References: []model.Reference{{URL: "https://kubernetes.io/docs/concepts/security/pod-security-standards/", Description: "Pod Security Standards"}},
				Source:     "builtin",
			},
		},
		Files:   5,
		Sources: map[string]*model.Source{"Dockerfile": docker, "k8s/app.yaml": manifest},
	}
}

// rangeOf is the code-point range of the first match of text on a line of src. A
// negative length extends the range to the end of the line; 0 means len(text).
func rangeOf(t *testing.T, src *model.Source, line int, text string, length int) model.Range {
	t.Helper()
	l := src.Line(line)
	i := strings.Index(l, text)
	if i < 0 {
		t.Fatalf("line %d %q has no %q", line, l, text)
	}
	start := utf8.RuneCountInString(l[:i]) + 1
	end := start + utf8.RuneCountInString(text)
	switch {
	case length < 0:
		end = src.LineEnd(line)
	case length > 0:
		end = start + length
	}
	return model.Range{Start: model.Position{Line: line, Column: start}, End: model.Position{Line: line, Column: end}}
}

// emptyResult is a clean run.
func emptyResult() *Result {
	return &Result{Tool: Tool{Name: "infralint", Version: "dev"}, Files: 3}
}
