package cli

import (
	"os"
	"testing"

	"github.com/infralint/infralint/pkg/parsers/helm"
)

// TestMain lets this test binary serve as the render child of the Helm sandbox and
// as the chart child (lint.ChartProcs) that lint runs here start, as the infralint
// binary does: a chart child runs the command line it was given.
func TestMain(m *testing.M) {
	if code, worker := helm.ServeIfWorker(); worker {
		os.Exit(code)
	}
	if _, child := os.LookupEnv(chartChildEnv); child {
		root := NewRoot(DefaultStreams())
		root.SetArgs(os.Args[1:])
		code, _ := ExitCode(root.Execute())
		os.Exit(code)
	}
	// Runs here use the result cache by default: keep it out of the user's cache.
	dir, err := os.MkdirTemp("", "infralint-cli-test-cache-")
	if err == nil {
		_ = os.Setenv("XDG_CACHE_HOME", dir)
	}
	code := m.Run()
	if err == nil {
		_ = os.RemoveAll(dir)
	}
	os.Exit(code)
}
