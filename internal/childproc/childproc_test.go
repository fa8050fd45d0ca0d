package childproc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// modeEnv makes this test binary a child that serves requests with handle.
const modeEnv = "CHILDPROC_TEST_CHILD"

type request struct {
	Op string // "echo", "pid", "sleep", "grow", "crash", "retire"
	N  int
}

type response struct {
	Text    string
	Retired bool
}

func (r response) Retire() bool { return r.Retired }

func handle(req request) response {
	switch req.Op {
	case "pid":
		return response{Text: strconv.Itoa(os.Getpid())}
	case "sleep":
		time.Sleep(time.Duration(req.N) * time.Millisecond)
	case "grow":
		held := make([][]byte, 0, req.N)
		for range req.N {
			held = append(held, make([]byte, 1<<20))
			time.Sleep(time.Millisecond) // give the sampler its chance
		}
		return response{Text: strconv.Itoa(len(held))}
	case "crash":
		fmt.Fprint(os.Stderr, "crashed on purpose\nsecond line\n")
		os.Exit(3)
	case "retire":
		return response{Text: strconv.Itoa(os.Getpid()), Retired: true}
	}
	return response{Text: req.Op}
}

func TestMain(m *testing.M) {
	if os.Getenv(modeEnv) != "" {
		os.Exit(Serve(os.Stdin, os.Stdout, Limits{Memory: 64 << 20, SampleEvery: time.Millisecond}, handle))
	}
	os.Exit(m.Run())
}

func newPool(t *testing.T) *Pool {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no path to this executable:", err)
	}
	p := NewPool(func() *exec.Cmd {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), modeEnv+"=1")
		return cmd
	})
	t.Cleanup(p.Close)
	return p
}

func call(t *testing.T, p *Pool, req request, timeout time.Duration) (response, error) {
	t.Helper()
	var resp response
	err := p.Call(context.Background(), req, &resp, timeout)
	return resp, err
}

// childPID asks the pool's next child for its process ID; what happened is the
// call's description, for the failure message.
func childPID(t *testing.T, p *Pool, what string) int {
	t.Helper()
	resp, err := call(t, p, request{Op: "pid"}, time.Minute)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	pid, err := strconv.Atoi(resp.Text)
	if err != nil {
		t.Fatalf("%s: pid %q: %v", what, resp.Text, err)
	}
	return pid
}

// TestPoolReusesChild: a child answers one request after another.
func TestPoolReusesChild(t *testing.T) {
	p := newPool(t)
	first := childPID(t, p, "first call")
	if second := childPID(t, p, "second call"); first != second {
		t.Errorf("a second child (%d) answered after the first (%d)", second, first)
	}
}

// TestPoolFailures: each way a child can fail is its error, and the next call gets a
// new child.
func TestPoolFailures(t *testing.T) {
	p := newPool(t)
	before := childPID(t, p, "first call")

	_, err := call(t, p, request{Op: "sleep", N: 10_000}, 100*time.Millisecond)
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("sleep past the timeout: %v, want ErrTimeout", err)
	}
	var f *Failure
	_, err = call(t, p, request{Op: "crash"}, time.Minute)
	if !errors.As(err, &f) || f.Memory || f.Message != "crashed on purpose" {
		t.Errorf("crash: %v, want a Failure with the first line of standard error", err)
	}
	_, err = call(t, p, request{Op: "grow", N: 1024}, time.Minute)
	if !errors.As(err, &f) || !f.Memory {
		t.Errorf("growing past the limit: %v, want a memory Failure", err)
	}

	if after := childPID(t, p, "after the failures"); after == before {
		t.Errorf("the child that timed out answered again (pid %d)", after)
	}
}

// TestPoolRetire: an answer that says so ends its child, and the next call gets a new
// one.
func TestPoolRetire(t *testing.T) {
	p := newPool(t)
	retired, err := call(t, p, request{Op: "retire"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if next := childPID(t, p, "after a retired child"); strconv.Itoa(next) == retired.Text {
		t.Errorf("the retired child (pid %d) answered again", next)
	}
}

// TestPoolContext: a cancelled context stops the call and its child.
func TestPoolContext(t *testing.T) {
	p := newPool(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	var resp response
	err := p.Call(ctx, request{Op: "sleep", N: 10_000}, &resp, time.Minute)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled call: %v", err)
	}
}

// TestPoolClosed: a closed pool starts no child.
func TestPoolClosed(t *testing.T) {
	p := newPool(t)
	p.Close()
	_, err := call(t, p, request{Op: "echo"}, time.Minute)
	var f *Failure
	if !errors.As(err, &f) || !f.NotStarted || !strings.Contains(f.Error(), "closed") {
		t.Errorf("call on a closed pool: %v", err)
	}
}
