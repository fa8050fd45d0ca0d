// Command infralint lints Dockerfiles (and, as they land, Compose files, Helm charts and
// Kubernetes manifests) against Docker's and Kubernetes' published best practices.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/infralint/infralint/internal/cli"
	"github.com/infralint/infralint/pkg/parsers/helm"
)

func main() {
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
