package compose_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/internal/cli"
)

// e2eRules are the rules of the end-to-end run: a fixed list, so the SARIF rule table
// does not change when rules of other kinds are added.
const e2eRules = "--only=version-obsolete,image-untagged,privileged-service,database-port-exposed," +
	"secret-in-environment,dependency-without-healthcheck,depends-on-not-healthy,database-data-not-persisted,variable-not-set"

// TestEndToEnd lints testdata/e2e/shop, a three-service application (frontend,
// backend, database) with an override file, a .env and a broken project beside it,
// through the CLI in every format: findings land in the file and line that set the
// value (the override's ports and privileged), the broken file is an error with its
// line, and the other project is still linted (exit code 2).
func TestEndToEnd(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "e2e", "shop"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ format, file string }{
		{"text", "want.txt"},
		{"json", "want.json"},
		{"sarif", "want.sarif"},
	} {
		t.Run(f.format, func(t *testing.T) {
			t.Chdir(dir)
			var out, errb bytes.Buffer
			root := cli.NewRoot(cli.Streams{
				In: strings.NewReader(""), Out: &out, Err: &errb,
				Getenv:     func(string) string { return "" },
				IsTerminal: func() bool { return false },
			})
			root.SetArgs([]string{e2eRules, "--format", f.format, "."})
			code, _ := cli.ExitCode(root.ExecuteContext(context.Background()))
			if code != 2 {
				t.Errorf("exit code %d, want 2 (a broken file); stderr:\n%s", code, errb.String())
			}
			golden(t, filepath.Join(dir, "..", f.file), out.Bytes())
		})
	}
}
