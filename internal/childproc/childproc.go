// Package childproc runs work that may not end in child processes of this executable,
// where it can be stopped. Go cannot stop a goroutine, and a Helm template is a
// program: `{{ range until 100000000 }}` allocates gigabytes, and a loop that writes
// nothing runs until the process ends. So such work runs in a child (this same
// executable, started so that it serves requests instead of doing its usual job),
// which the parent kills when a request runs out of time, and which exits by itself
// when its memory passes a limit.
//
// A Pool keeps children that answer one JSON request at a time on their standard
// input and output; a child is reused until one request goes wrong (or its answer
// says to retire it), so a run pays for starting one child per concurrent request,
// not one per request. Serve is the child's side.
package childproc

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"
)

// ExitMemory is a child's exit status when its memory passed the limit.
const ExitMemory = 70

// ErrTimeout is Call's error when the request did not finish in time.
var ErrTimeout = errors.New("the child process did not answer in time")

// Failure is Call's error when the child stopped answering: it passed its memory
// limit (Memory), or it crashed or could not be started.
type Failure struct {
	Memory     bool   // the child exited with ExitMemory
	NotStarted bool   // the child could not be started
	Message    string // the first line of what the child wrote to its standard error, or the error
}

func (f *Failure) Error() string {
	switch {
	case f.Memory:
		return "the child process passed its memory limit"
	case f.NotStarted:
		return "starting a child process: " + f.Message
	}
	return "the child process failed: " + f.Message
}

// Retirer is an answer that can tell the pool not to reuse its child: the child has
// work left running that it cannot stop (Serve ends it after answering).
type Retirer interface{ Retire() bool }

// Pool starts and reuses children. It is safe for concurrent use; Close stops its
// idle children.
type Pool struct {
	start func() *exec.Cmd

	mu          sync.Mutex
	idle        []*child
	closed      bool
	idleTimeout time.Duration // StopIdleAfter; 0 keeps idle children until Close
}

// NewPool returns a pool whose children are the commands start returns (not yet
// started; their standard input, output and error are the pool's).
func NewPool(start func() *exec.Cmd) *Pool { return &Pool{start: start} }

// Close stops the idle children, and the pool starts no more. A request in flight
// finishes; its child is stopped when it is returned. Close of a nil Pool does nothing.
func (p *Pool) Close() { p.stopIdle(true) }

// StopIdle stops the idle children, so that the memory they hold returns to the
// system; a later request starts a new one. StopIdle of a nil Pool does nothing.
func (p *Pool) StopIdle() { p.stopIdle(false) }

// StopIdleAfter makes a child that stays idle for d stop, so that a long-lived process
// (the language server) does not hold a child's memory between bursts of requests; the
// next request starts a new one. d <= 0 keeps idle children. StopIdleAfter of a nil
// Pool does nothing.
func (p *Pool) StopIdleAfter(d time.Duration) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.idleTimeout = d
	p.mu.Unlock()
}

func (p *Pool) stopIdle(close bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.closed = p.closed || close
	for _, c := range idle {
		if c.idleTimer != nil {
			c.idleTimer.Stop()
		}
	}
	p.mu.Unlock()
	for _, c := range idle {
		c.stop()
	}
}

// Call sends req to a child and decodes its answer into resp. The timeout (none when
// 0) starts once the child is running; when it passes, or ctx ends, the child is
// killed. The error is ErrTimeout, ctx's error, or a *Failure.
func (p *Pool) Call(ctx context.Context, req, resp any, timeout time.Duration) error {
	c, err := p.get()
	if err != nil {
		return &Failure{NotStarted: true, Message: err.Error()}
	}
	done := make(chan error, 1)
	go func() {
		if err := c.enc.Encode(req); err != nil {
			done <- err
			return
		}
		done <- c.dec.Decode(resp)
	}()
	var expired <-chan time.Time
	if timeout > 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		expired = timer.C
	}
	select {
	case err := <-done:
		if err != nil {
			return c.failure(err)
		}
		if r, ok := resp.(Retirer); ok && r.Retire() {
			c.stop()
		} else {
			p.put(c)
		}
		return nil
	case <-expired:
		c.stop()
		return ErrTimeout
	case <-ctx.Done():
		c.stop()
		return ctx.Err()
	}
}

func (p *Pool) get() (*child, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		if c.idleTimer != nil {
			// If it fired already, expire finds c no longer idle and leaves it.
			c.idleTimer.Stop()
			c.idleTimer = nil
		}
		p.mu.Unlock()
		return c, nil
	}
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return nil, errors.New("the pool is closed")
	}
	return startChild(p.start())
}

func (p *Pool) put(c *child) {
	p.mu.Lock()
	closed := p.closed
	if !closed {
		p.idle = append(p.idle, c)
		if p.idleTimeout > 0 {
			c.idleSpell++
			spell := c.idleSpell
			c.idleTimer = time.AfterFunc(p.idleTimeout, func() { p.expire(c, spell) })
		}
	}
	p.mu.Unlock()
	if closed {
		c.stop()
	}
}

// expire stops c if it is still in the idle spell whose timeout passed (a timer that
// fired as get took c must not stop it once it is idle again).
func (p *Pool) expire(c *child, spell uint64) {
	p.mu.Lock()
	i := slices.Index(p.idle, c)
	if i >= 0 && c.idleSpell == spell {
		p.idle = slices.Delete(p.idle, i, i+1)
	} else {
		i = -1
	}
	p.mu.Unlock()
	if i >= 0 {
		c.stop()
	}
}

// child is one running child process.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	enc    *json.Encoder
	dec    *json.Decoder
	stderr *headBuffer
	exited chan struct{} // closed when the child has exited and cmd.ProcessState is set
	// idleTimer stops the child when it stays idle (Pool.StopIdleAfter), and
	// idleSpell counts the times it was made idle; both guarded by the pool's mutex.
	idleTimer *time.Timer
	idleSpell uint64
}

func startChild(cmd *exec.Cmd) (*child, error) {
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, stdin: stdin, stderr: &headBuffer{max: 4 << 10}, exited: make(chan struct{})}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = cmd.Wait()
		close(c.exited)
	}()
	c.enc = json.NewEncoder(stdin)
	c.dec = json.NewDecoder(bufio.NewReader(stdout))
	return c, nil
}

// stop ends the child: closing its input ends an idle one; the kill ends a busy one.
func (c *child) stop() {
	_ = c.stdin.Close()
	_ = c.cmd.Process.Kill()
	<-c.exited
}

// failure explains a child that stopped answering.
func (c *child) failure(err error) error {
	c.stop()
	if st := c.cmd.ProcessState; st != nil && st.ExitCode() == ExitMemory {
		return &Failure{Memory: true}
	}
	msg := strings.TrimSpace(c.stderr.String())
	if msg == "" {
		msg = err.Error()
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return &Failure{Message: msg}
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

// Limits bound a child.
type Limits struct {
	// Memory is the most memory, in bytes, the Go runtime of the child may hold from
	// the system; over it the child exits with ExitMemory.
	Memory int64
	// SampleEvery is how often the memory is sampled (a check also follows every
	// request).
	SampleEvery time.Duration
}

// Serve is the child: it answers requests from in on out with handle until in ends,
// and returns the status the process should exit with. An answer that is a Retirer
// saying so ends it after it is written.
func Serve[Req, Resp any](in io.Reader, out io.Writer, lim Limits, handle func(Req) Resp) int {
	// The memory limit is a hard one, not the collector's soft limit: near a soft
	// limit, collection after collection would spend the request's time budget
	// instead of ending it. (A child may set a soft limit well below it.)
	go watchMemory(lim.Memory, lim.SampleEvery)
	dec := json.NewDecoder(bufio.NewReader(in))
	enc := json.NewEncoder(out)
	for {
		var req Req
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return 0
			}
			fmt.Fprintln(os.Stderr, "reading a request:", err)
			return 1
		}
		resp := handle(req)
		checkMemory(lim.Memory) // before answering: the sampler may have missed a short peak
		if err := enc.Encode(resp); err != nil {
			return 1
		}
		if r, ok := any(resp).(Retirer); ok && r.Retire() {
			return 0
		}
	}
}

// watchMemory ends the process when the memory the Go runtime holds from the system
// passes limit. It samples, so a request can pass the limit by what it allocates in
// one interval, and one that allocates and drops a large value between two samples
// (a loaded machine can delay this goroutine by more than one interval) is caught by
// Serve's check after the request instead.
func watchMemory(limit int64, every time.Duration) {
	for range time.Tick(every) {
		checkMemory(limit)
	}
}

// checkMemory ends the process with ExitMemory when the memory the Go runtime holds
// from the system is over limit. Memory a request used stays held until the
// scavenger returns it, well after the request ends, so a check right after one
// still sees it.
func checkMemory(limit int64) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(samples)
	used := samples[0].Value.Uint64() - samples[1].Value.Uint64()
	if used > uint64(limit) {
		fmt.Fprintf(os.Stderr, "child process: %d MiB in use, over the %d MiB limit\n", used>>20, limit>>20)
		// A request in progress holds the main goroutine and will not return: only
		// ending the process stops it, and the parent reads this status.
		os.Exit(ExitMemory)
	}
}
