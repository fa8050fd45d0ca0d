package helm

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/infralint/infralint/internal/bytesize"
	"io"
	"os"
	"os/exec"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"helm.sh/helm/v3/pkg/chart"
)

// A template is a program: `{{ range until 100000000 }}` allocates gigabytes, and a
// loop that writes nothing runs until Go's scheduler is told otherwise, which it never
// is. Go cannot stop a goroutine, so the only bound that holds for every template is a
// process: a Sandbox renders in child processes (this same executable, started with
// workerEnv set) that it kills when a render runs out of time, and that stop
// themselves when their memory passes the limit. A child serves one render at a time
// and is reused until one goes wrong, so a run pays for starting one child per
// concurrent render, not one per chart.

const (
	// workerEnv marks a process started as a render child; its value is the memory
	// limit in bytes.
	workerEnv = "INFRALINT_HELM_RENDER_WORKER"
	// exitMemory is a child's exit status when its memory passed the limit.
	exitMemory = 70
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
	exe       string
	maxMemory int64

	mu     sync.Mutex
	idle   []*worker
	closed bool
}

// NewSandbox returns a sandbox that starts exe (an executable that calls
// ServeIfWorker first) as its render children, each limited to maxMemory bytes
// (DefaultMaxMemory when 0).
func NewSandbox(exe string, maxMemory int64) *Sandbox {
	if maxMemory <= 0 {
		maxMemory = DefaultMaxMemory
	}
	return &Sandbox{exe: exe, maxMemory: maxMemory}
}

// Close stops the idle children. A render in flight finishes; its child is stopped
// when it is returned. Close of a nil Sandbox does nothing.
func (s *Sandbox) Close() {
	if s == nil {
		return
	}
	s.mu.Lock()
	idle := s.idle
	s.idle, s.closed = nil, true
	s.mu.Unlock()
	for _, w := range idle {
		w.stop()
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
	w, err := s.get()
	if err != nil {
		return nil, fmt.Errorf("starting a render process: %w", err)
	}
	done := make(chan error, 1)
	var resp renderResponse
	go func() {
		if err := w.enc.Encode(req); err != nil {
			done <- err
			return
		}
		done <- w.dec.Decode(&resp)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return nil, w.failure(err, s.maxMemory)
		}
		s.put(w)
	case <-timer.C:
		w.stop()
		return nil, timeoutError(timeout)
	}
	switch {
	case resp.TooBig:
		return nil, fmt.Errorf("%w%s", errTooBig, strings.TrimPrefix(resp.Err, errTooBig.Error()))
	case resp.Err != "":
		return nil, errors.New(resp.Err)
	}
	return resp.Out, nil
}

func (s *Sandbox) get() (*worker, error) {
	s.mu.Lock()
	if n := len(s.idle); n > 0 {
		w := s.idle[n-1]
		s.idle = s.idle[:n-1]
		s.mu.Unlock()
		return w, nil
	}
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return nil, errors.New("the sandbox is closed")
	}
	return startWorker(s.exe, s.maxMemory)
}

func (s *Sandbox) put(w *worker) {
	s.mu.Lock()
	if !s.closed {
		s.idle = append(s.idle, w)
		w = nil
	}
	s.mu.Unlock()
	if w != nil {
		w.stop()
	}
}

// worker is one render child.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	enc    *json.Encoder
	dec    *json.Decoder
	stderr *headBuffer
	exited chan struct{} // closed when the child has exited and cmd.ProcessState is set
}

func startWorker(exe string, maxMemory int64) (*worker, error) {
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"="+strconv.FormatInt(maxMemory, 10))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	w := &worker{cmd: cmd, stdin: stdin, stderr: &headBuffer{max: 4 << 10}, exited: make(chan struct{})}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = cmd.Wait()
		close(w.exited)
	}()
	w.enc = json.NewEncoder(stdin)
	w.dec = json.NewDecoder(bufio.NewReader(stdout))
	return w, nil
}

// stop ends the child: closing its input ends an idle one; the kill ends a busy one.
func (w *worker) stop() {
	_ = w.stdin.Close()
	_ = w.cmd.Process.Kill()
	<-w.exited
}

// failure explains a child that stopped answering: it passed its memory limit, or it
// crashed.
func (w *worker) failure(err error, maxMemory int64) error {
	w.stop()
	if st := w.cmd.ProcessState; st != nil && st.ExitCode() == exitMemory {
		return fmt.Errorf("%w: it used more than %s of memory", errTooBig, bytesize.Format(maxMemory))
	}
	msg := strings.TrimSpace(w.stderr.String())
	if msg == "" {
		msg = err.Error()
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return fmt.Errorf("the render process failed: %s", msg)
}

// headBuffer keeps the first bytes written to it, up to max: the start of a crash
// report is the part that says what happened.
type headBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *headBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (b *headBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// serve is the child: it answers render requests until its input ends.
func serve(in io.Reader, out io.Writer, limit int64) int {
	// No soft memory limit for the garbage collector: near it, collection after
	// collection would spend the render's time budget instead of ending it.
	go watchMemory(limit, sampleEvery)
	dec := json.NewDecoder(bufio.NewReader(in))
	enc := json.NewEncoder(out)
	for {
		var req renderRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return 0
			}
			fmt.Fprintln(os.Stderr, "reading a render request:", err)
			return 1
		}
		resp := handle(req)
		checkMemory(limit) // before answering: the watchdog may have missed a short peak
		if err := enc.Encode(resp); err != nil {
			return 1
		}
	}
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

// watchMemory ends the process when the memory the Go runtime holds from the system
// passes limit. It samples, so a render can pass the limit by what it allocates in
// one interval, and one that allocates and drops a large value between two samples
// (a loaded machine can delay this goroutine by more than one interval) is caught by
// serve's check after the render instead.
func watchMemory(limit int64, every time.Duration) {
	for range time.Tick(every) {
		checkMemory(limit)
	}
}

// checkMemory ends the process with exitMemory when the memory the Go runtime holds
// from the system is over limit. Memory a render used stays held until the scavenger
// returns it, well after the render ends, so a check right after one still sees it.
func checkMemory(limit int64) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(samples)
	used := samples[0].Value.Uint64() - samples[1].Value.Uint64()
	if used > uint64(limit) {
		fmt.Fprintf(os.Stderr, "render process: %d MiB in use, over the %d MiB limit\n", used>>20, limit>>20)
		// A render in progress holds the main goroutine and will not return: only
		// ending the process stops it, and the parent reads this status.
		os.Exit(exitMemory) //nolint:forbidigo // see above
	}
}
