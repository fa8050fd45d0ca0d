// Command infralint lints Dockerfiles (and, as they land, Compose files, Helm charts and
// Kubernetes manifests) against Docker's and Kubernetes' published best practices.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/infralint/infralint/internal/cli"
)

func main() {
	s := cli.DefaultStreams()
	err := cli.NewRoot(s).ExecuteContext(context.Background())
	code, show := cli.ExitCode(err)
	if show && err != nil {
		fmt.Fprintln(s.Err, "infralint:", err)
	}
	os.Exit(code)
}
