// Command infralint lints Dockerfiles (and, as they land, Compose files, Helm charts and
// Kubernetes manifests) against Docker's and Kubernetes' published best practices.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/infralint/infralint/internal/cli"
	"github.com/infralint/infralint/pkg/parsers/helm"
)

// gcPercent is the garbage collector's target unless GOGC is set. A run is short and
// its live heap small (the whole measurement corpus, 5,886 files, peaks near 130 MB of
// RSS), and the collector was a fifth of a run's CPU profile: collecting half as
// often costs about 15 MB and saves 12-15% of CPU on Dockerfiles and charts
// (docs/performance.md). The Go compiler makes the same trade when it starts.
const gcPercent = 200

func main() {
	// Nothing here reads heap profiles, and the sampling's records held 1.4 MB by the
	// end of a run over the measurement corpus, in every process (each chart child too).
	runtime.MemProfileRate = 0
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	// A process started to render Helm charts (helm.Sandbox) does only that.
	if code, worker := helm.ServeIfWorker(); worker {
		os.Exit(code)
	}
	s := cli.DefaultStreams()
	err := cli.NewRoot(s).ExecuteContext(context.Background())
	code, show := cli.ExitCode(err)
	if show && err != nil {
		fmt.Fprintln(s.Err, "infralint:", err)
	}
	os.Exit(code)
}
