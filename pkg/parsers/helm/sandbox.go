package helm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"helm.sh/helm/v3/pkg/chart"

	"github.com/infralint/infralint/internal/bytesize"
	"github.com/infralint/infralint/internal/childproc"
)

// A template is a program that may never end, and the only bound that holds for every
// template is a process (internal/childproc): a Sandbox renders in child processes
// (this same executable, started with workerEnv set) that it kills when a render runs
// out of time, and that stop themselves when their memory passes the limit.

const (
	// workerEnv marks a process started as a render child; its value is the memory
	// limit in bytes.
	workerEnv = "INFRALINT_HELM_RENDER_WORKER"
	// DefaultMaxMemory bounds the memory of one render child: the largest chart of
	// the measurement corpus needs well under a tenth of it.
	DefaultMaxMemory = 512 << 20
)

// ServeIfWorker makes this process a render child when it was started as one: it
// serves renders until its input ends and says so, with the exit status main should
// exit with. Otherwise it returns at once with worker false. A program that gives its
// Options a Sandbox calls it first thing in main (and a test binary, in TestMain),
// before any output.
func ServeIfWorker() (code int, worker bool) {
	v, ok := os.LookupEnv(workerEnv)
	if !ok {
		return 0, false
	}
	limit, err := strconv.ParseInt(v, 10, 64)
	if err != nil || limit <= 0 {
		fmt.Fprintf(os.Stderr, "%s=%q: want a memory limit in bytes\n", workerEnv, v)
		return 2, true
	}
	return serve(os.Stdin, os.Stdout, limit), true
}

// Sandbox renders charts in child processes with bounded time and memory. It is safe
// for concurrent use; Close stops its children.
type Sandbox struct {
	pool      *childproc.Pool
	maxMemory int64
}

// NewSandbox returns a sandbox that starts exe (an executable that calls
// ServeIfWorker first) as its render children, each limited to maxMemory bytes
// (DefaultMaxMemory when 0).
func NewSandbox(exe string, maxMemory int64) *Sandbox {
	if maxMemory <= 0 {
		maxMemory = DefaultMaxMemory
	}
	return &Sandbox{maxMemory: maxMemory, pool: childproc.NewPool(func() *exec.Cmd {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), workerEnv+"="+strconv.FormatInt(maxMemory, 10))
		return cmd
	})}
}

// Close stops the idle children. A render in flight finishes; its child is stopped
// when it is returned. Close of a nil Sandbox does nothing.
func (s *Sandbox) Close() {
	if s != nil {
		s.pool.Close()
	}
}

// StopIdleAfter makes a render child that stays idle for d stop (childproc.Pool's
// StopIdleAfter): for a long-lived process, such as the language server. StopIdleAfter
// of a nil Sandbox does nothing.
func (s *Sandbox) StopIdleAfter(d time.Duration) {
	if s != nil {
		s.pool.StopIdleAfter(d)
	}
}

// renderRequest is one render, as the child redoes it from the chart on disk: the
// same files read the same way give the same chart tree as the parent's.
type renderRequest struct {
	Chart       string   `json:"chart"`
	Files       []string `json:"files,omitempty"`
	Set         []string `json:"set,omitempty"`
	ReleaseName string   `json:"release_name"`
	Namespace   string   `json:"namespace"`
	KubeVersion string   `json:"kube_version"`
	APIVersions []string `json:"api_versions,omitempty"`
	MaxOutput   int      `json:"max_output"`
	MaxFileSize int64    `json:"max_file_size"`
}

type renderResponse struct {
	Out    map[string]string `json:"out,omitempty"`
	Err    string            `json:"err,omitempty"`
	TooBig bool              `json:"too_big,omitempty"`
}

// render renders in a child. The timeout starts once the child is running.
func (s *Sandbox) render(req renderRequest, timeout time.Duration) (rendered, error) {
	var resp renderResponse
	if err := s.pool.Call(context.Background(), req, &resp, timeout); err != nil {
		var f *childproc.Failure
		switch {
		case errors.Is(err, childproc.ErrTimeout):
			return nil, timeoutError(timeout)
		case errors.As(err, &f) && f.Memory:
			return nil, fmt.Errorf("%w: it used more than %s of memory", errTooBig, bytesize.Format(s.maxMemory))
		case errors.As(err, &f) && f.NotStarted:
			return nil, fmt.Errorf("starting a render process: %s", f.Message)
		case errors.As(err, &f):
			return nil, fmt.Errorf("the render process failed: %s", f.Message)
		}
		return nil, err
	}
	switch {
	case resp.TooBig:
		return nil, fmt.Errorf("%w%s", errTooBig, strings.TrimPrefix(resp.Err, errTooBig.Error()))
	case resp.Err != "":
		return nil, errors.New(resp.Err)
	}
	return resp.Out, nil
}

// serve is the child: it answers render requests until its input ends.
func serve(in io.Reader, out io.Writer, limit int64) int {
	return childproc.Serve(in, out, childproc.Limits{Memory: limit, SampleEvery: sampleEvery}, handle)
}

func handle(req renderRequest) renderResponse {
	o := Options{
		ReleaseName: req.ReleaseName, Namespace: req.Namespace, KubeVersion: req.KubeVersion,
		APIVersions: req.APIVersions, MaxOutput: req.MaxOutput, MaxFileSize: req.MaxFileSize,
	}.withDefaults()
	cf, err := readChart(req.Chart, loadLimits{maxFile: o.MaxFileSize, maxTotal: o.MaxFileSize * 16})
	if err != nil {
		return renderResponse{Err: "reading chart: " + err.Error()}
	}
	ps, err := prepareSet(cf, req.Files, req.Set, o, nil)
	if err != nil {
		return renderResponse{Err: err.Error()}
	}
	out, err := renderNow(ps.ch, ps.vals, o)
	if err != nil {
		return renderResponse{Err: err.Error(), TooBig: errors.Is(err, errTooBig)}
	}
	return renderResponse{Out: out}
}

// preparedSet is a chart tree and a values set, ready to render.
type preparedSet struct {
	files  []*valuesFile
	vals   map[string]any
	ch     *chart.Chart
	owners map[*chart.File]*chartFiles // the chart file each of ch's files came from
}

// builtTree is a chart tree built from its files, with the files each chart of it came
// from.
type builtTree struct {
	ch     *chart.Chart
	owners map[*chart.File]*chartFiles
}

// prepareSet reads a set's values files, merges them with its --set assignments, and
// builds the chart tree, as both Load and a render child do; tree, when not nil, is a
// tree built from cf that nothing has changed yet, used instead of building another.
// An error in a values file is a *placedError.
func prepareSet(cf *chartFiles, files, sets []string, o Options, tree *builtTree) (*preparedSet, error) {
	vf, err := readValuesFiles(cf, files, o.MaxFileSize)
	if err != nil {
		return nil, err
	}
	vals, err := userValues(vf, sets)
	if err != nil {
		return nil, err
	}
	if tree == nil {
		owners := map[*chart.File]*chartFiles{}
		ch, err := cf.build(owners)
		if err != nil {
			return nil, fmt.Errorf("loading chart: %w", err)
		}
		tree = &builtTree{ch: ch, owners: owners}
	}
	return &preparedSet{files: vf, vals: vals, ch: tree.ch, owners: tree.owners}, nil
}

// sampleEvery is how often a render child samples its memory (tests lengthen it to show
// the check after each render on its own).
var sampleEvery = 5 * time.Millisecond
