//go:build unix

package childproc

import (
	"errors"
	"syscall"
	"testing"
	"time"
)

// TestPoolStopIdle: StopIdle ends the idle children, and the next call starts a new
// one.
func TestPoolStopIdle(t *testing.T) {
	p := newPool(t)
	first := childPID(t, p, "first call")
	p.StopIdle()
	if err := syscall.Kill(first, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the idle child (pid %d) still runs after StopIdle: %v", first, err)
	}
	if next := childPID(t, p, "after StopIdle"); next == first {
		t.Errorf("the stopped child (pid %d) answered again", next)
	}
}

// TestPoolStopIdleAfter: a child idle for the timeout stops; one taken again before
// it, or busy past it, does not.
func TestPoolStopIdleAfter(t *testing.T) {
	p := newPool(t)
	const timeout = 200 * time.Millisecond
	p.StopIdleAfter(timeout)
	first := childPID(t, p, "first call")
	// Busy for longer than the timeout, right after being idle: the same child.
	if _, err := call(t, p, request{Op: "sleep", N: 400}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if again := childPID(t, p, "after the busy call"); again != first {
		t.Errorf("a child in use was stopped: pid %d, then %d", first, again)
	}
	const wait = 10 * time.Second
	deadline := time.Now().Add(wait)
	for syscall.Kill(first, 0) == nil {
		if time.Now().After(deadline) {
			t.Fatalf("the child (pid %d) still runs %v after it went idle", first, wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if next := childPID(t, p, "after the idle child stopped"); next == first {
		t.Errorf("the stopped child (pid %d) answered again", next)
	}
}
