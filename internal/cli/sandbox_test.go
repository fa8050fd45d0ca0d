package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHostileChartBounded: a chart whose template allocates a gigabyte is rendered in a
// child process that is stopped at its memory limit; the run reports it as that
// chart's error and keeps every other file's findings.
func TestHostileChartBounded(t *testing.T) {
	files(t, map[string]string{
		// A long timeout, so that on a loaded machine only the memory limit ends it.
		".infralint.yaml":  "limits:\n  helm-render-timeout: 2m\n",
		"Dockerfile":       "FROM alpine:latest\n",
		"bomb/Chart.yaml":  "apiVersion: v2\nname: bomb\nversion: 0.1.0\n",
		"bomb/values.yaml": "count: 1000000000\n",
		"bomb/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" +
			"{{- $s := repeat (int .Values.count) \"x\" }}\n",
		"flood/Chart.yaml": "apiVersion: v2\nname: flood\nversion: 0.1.0\n",
		"flood/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  x: |\n" +
			"{{- range until 1000000 }}\n    0123456789abcdef\n{{- end }}\n",
	})
	rep, errs := lintBroken(t)
	if m := errs["bomb/Chart.yaml"]; !strings.Contains(m, "used more than 512 MiB of memory") {
		t.Errorf("bomb chart error = %q (errors %v)", m, errs)
	}
	if m := errs["flood/Chart.yaml"]; !strings.Contains(m, "too much output") || !strings.Contains(m, "over the 8 MiB limit") {
		t.Errorf("flood chart error = %q (errors %v)", m, errs)
	}
	if !hasFinding(rep, "Dockerfile", "base-image-untagged") {
		t.Errorf("the Dockerfile's findings are lost: %+v", rep.Findings)
	}
}

// TestConfiguredLimits: the limits of the configuration file apply, each an error for
// the input over it, and the other files are linted.
func TestConfiguredLimits(t *testing.T) {
	files(t, map[string]string{
		".infralint.yaml": "limits:\n  max-file-size: 1KiB\n  helm-render-timeout: 300ms\n",
		"big/Dockerfile":  "FROM alpine:3.20\n" + strings.Repeat("# padding to pass the limit\n", 50),
		"ok/Dockerfile":   "FROM alpine:latest\n",
		"spin/Chart.yaml": "apiVersion: v2\nname: spin\nversion: 0.1.0\n",
		"spin/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" +
			"{{- range until 1000000 }}{{- range until 1000000 }}{{- end }}{{- end }}\n",
	})
	rep, errs := lintBroken(t)
	if m := errs["big/Dockerfile"]; !strings.Contains(m, "larger than the 1 KiB limit") {
		t.Errorf("big Dockerfile error = %q (errors %v)", m, errs)
	}
	if m := errs["spin/Chart.yaml"]; !strings.Contains(m, "did not finish within 300ms") {
		t.Errorf("spin chart error = %q (errors %v)", m, errs)
	}
	if len(errs) != 2 {
		t.Errorf("errors %v, want two", errs)
	}
	if !hasFinding(rep, "ok/Dockerfile", "base-image-untagged") {
		t.Errorf("the other Dockerfile's findings are lost: %+v", rep.Findings)
	}
}

// lintBroken lints the working directory, which holds an input that fails, and returns
// the JSON report and its errors by file.
func lintBroken(t *testing.T) (mixedReport, map[string]string) {
	t.Helper()
	res := run(t, env{}, "--format", "json", ".")
	if res.code != 2 {
		t.Fatalf("exit %d, want 2: %s", res.code, res.stderr)
	}
	var rep mixedReport
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	errs := map[string]string{}
	for _, e := range rep.Errors {
		errs[e.File] = e.Message
	}
	return rep, errs
}

func hasFinding(rep mixedReport, file, rule string) bool {
	for _, f := range rep.Findings {
		if f.File == file && f.Rule == rule {
			return true
		}
	}
	return false
}
