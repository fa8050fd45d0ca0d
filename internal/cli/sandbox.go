package cli

import (
	"os"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/parsers/helm"
)

// helmSandbox renders the run's Helm charts in child processes of this executable, so
// that a template that loops or allocates without end is stopped (helm.Sandbox) and
// the rest of the run goes on. No child starts until a chart is rendered. Where the
// executable cannot be found, charts render in this process, bounded in time only.
func helmSandbox(l config.Limits) *helm.Sandbox {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	return helm.NewSandbox(exe, int64(l.HelmRenderMemory))
}

// applyLimits sets the configuration's limits on a run (zero keeps each default).
func applyLimits(opts *lint.Options, l config.Limits) {
	opts.MaxFileSize = int64(l.MaxFileSize)
	opts.MaxLineLength = int(l.MaxLineLength)
	opts.HelmTimeout = l.HelmRenderTimeout.Std()
	opts.HelmMaxOutput = int(l.HelmRenderOutput)
}
