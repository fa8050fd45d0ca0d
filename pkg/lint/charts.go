package lint

import (
	"context"
	"io"
	"os/exec"
	"sync/atomic"
	"time"

	"github.com/infralint/infralint/internal/childproc"
	"github.com/infralint/infralint/pkg/cache"
	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/rules"
)

// A chart's templates must run in a child process, where they can be stopped
// (internal/childproc). With a render child (helm.Sandbox) alone, the child reads and
// builds the chart again to render it and sends back the whole output, which this
// process decodes: on the measurement corpus's charts that cost as much CPU as all
// the rest of their linting, and half again in time. A chart child instead does a
// chart's whole work (reads, renders, evaluates and filters it, as lintFile would)
// and answers with the result as the result cache stores it: findings and excerpts.
//
// A chart child is this executable run with the same settings as the run it serves
// (the CLI starts it with its own command line), so its rules, configuration and
// limits are the run's. It renders in its own process, each render bounded in time;
// one that runs out of time is reported as with the sandbox, and the child ends once
// it has answered, since the render still runs. When a child fails (it passes its
// memory limit, crashes, or runs past the chart's deadline), the run lints that chart
// itself, with its renders in the sandbox, which says which values set failed and
// keeps the others.

// ChartProcs lints charts in child processes. It is safe for concurrent use; Close
// stops its children.
type ChartProcs struct {
	pool   *childproc.Pool
	linted atomic.Int64
}

// NewChartProcs returns chart children started by start: commands of this executable
// that call ServeCharts with the run's engine and options.
func NewChartProcs(start func() *exec.Cmd) *ChartProcs {
	return &ChartProcs{pool: childproc.NewPool(start)}
}

// Close stops the idle children. Close of a nil ChartProcs does nothing.
func (c *ChartProcs) Close() {
	if c != nil {
		c.pool.Close()
	}
}

// release stops the idle children: a run calls it once it has no chart left to lint,
// since an idle child holds its heap until it exits, while the run goes on with the
// other files (charts come first in a walk of the measurement corpus, and the two
// children held 90-100 MB of its summed memory until the end). A later chart starts
// a new child. release of a nil ChartProcs does nothing.
func (c *ChartProcs) release() {
	if c != nil {
		c.pool.StopIdle()
	}
}

// Linted is the number of charts the children have linted.
func (c *ChartProcs) Linted() int64 { return c.linted.Load() }

type chartRequest struct {
	File discover.File `json:"file"`
}

type chartResponse struct {
	// Entry is the chart's result, encoded as the result cache stores it, without
	// dependencies (the parent adds them when it caches the result).
	Entry []byte `json:"entry"`
	// Cacheable says the result may be cached: nothing failed that might not fail
	// next time (cachedLint).
	Cacheable bool `json:"cacheable,omitempty"`
	// Abandoned says a render ran out of time and still runs: the child ends.
	Abandoned bool `json:"abandoned,omitempty"`
}

func (r chartResponse) Retire() bool { return r.Abandoned }

// chartSlack is what a chart child may take beyond its renders' time limits before
// the run gives up on it: reading and evaluating the largest chart of the measurement
// corpus takes a fraction of a second.
const chartSlack = time.Minute

// lint lints the chart f in a child; false when f is no chart, the run has no chart
// children, or the child failed (the caller then lints the chart itself).
func (c *ChartProcs) lint(ctx context.Context, f discover.File, opts Options) (e *cache.Entry, cacheable, ok bool) {
	if c == nil || f.Kind != model.KindHelm {
		return nil, false, false
	}
	ho := helmOptions(f.Path, opts)
	perRender := ho.Timeout
	if perRender <= 0 {
		perRender = helm.DefaultTimeout
	}
	deadline := time.Duration(len(ho.ValuesSets)+1)*perRender + chartSlack
	var resp chartResponse
	if err := c.pool.Call(ctx, chartRequest{File: f}, &resp, deadline); err != nil {
		return nil, false, false
	}
	e, err := cache.DecodeEntry(resp.Entry)
	if err != nil {
		return nil, false, false
	}
	c.linted.Add(1)
	return e, resp.Cacheable, true
}

// ServeCharts makes this process a chart child, answering lint requests from in on
// out until in ends, and returns the status it should exit with. eng and opts are the
// run's, set up as the parent set up its own; maxMemory bounds the process as
// helm.Sandbox bounds a render child.
func ServeCharts(ctx context.Context, eng *rules.Engine, opts Options, in io.Reader, out io.Writer, maxMemory int64) int {
	if maxMemory <= 0 {
		maxMemory = helm.DefaultMaxMemory
	}
	// It renders here: it is the process that can be stopped.
	opts.HelmSandbox, opts.ChartProcs, opts.Cache, opts.Kept = nil, nil, nil, nil
	flt := newFilter(eng, opts)
	lim := childproc.Limits{Memory: maxMemory, SampleEvery: 5 * time.Millisecond}
	return childproc.Serve(in, out, lim, func(req chartRequest) chartResponse {
		res, cacheable := lintHere(ctx, eng, flt, req.File, opts)
		return chartResponse{
			Entry:     cache.EncodeEntry(toEntry(res, nil)),
			Cacheable: cacheable,
			Abandoned: helm.AbandonedRenders() > 0,
		}
	})
}

// lintHere is loadAndEvaluate, with a panic turned into an error for f.
func lintHere(ctx context.Context, eng *rules.Engine, flt *filter, f discover.File, opts Options) (out fileResult, cacheable bool) {
	defer func() {
		if p := recover(); p != nil {
			out, cacheable = panicResult(f, p), false
		}
	}()
	out, _, cacheable = loadAndEvaluate(ctx, eng, flt, f, opts)
	return out, cacheable
}
