//go:build unix

package childproc

import (
	"errors"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestPoolStopIdle: StopIdle ends the idle children, and the next call starts a new
// one.
func TestPoolStopIdle(t *testing.T) {
	p := newPool(t)
	first, err := call(t, p, request{Op: "pid"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	p.StopIdle()
	pid, err := strconv.Atoi(first.Text)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the idle child (pid %d) still runs after StopIdle: %v", pid, err)
	}
	next, err := call(t, p, request{Op: "pid"}, time.Minute)
	if err != nil {
		t.Fatalf("after StopIdle: %v", err)
	}
	if next.Text == first.Text {
		t.Errorf("the stopped child (pid %s) answered again", next.Text)
	}
}

// TestPoolStopIdleAfter: a child idle for the timeout stops; one taken again before
// it, or busy past it, does not.
func TestPoolStopIdleAfter(t *testing.T) {
	p := newPool(t)
	const timeout = 200 * time.Millisecond
	p.StopIdleAfter(timeout)
	first, err := call(t, p, request{Op: "pid"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	// Busy for longer than the timeout, right after being idle: the same child.
	busy, err := call(t, p, request{Op: "sleep", N: 400}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	again, err := call(t, p, request{Op: "pid"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if again.Text != first.Text {
		t.Errorf("a child in use was stopped: pid %s, then %s (%s)", first.Text, again.Text, busy.Text)
	}
	pid, err := strconv.Atoi(first.Text)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			t.Fatalf("the child (pid %d) still runs %v after it went idle", pid, 10*time.Second)
		}
		time.Sleep(20 * time.Millisecond)
	}
	next, err := call(t, p, request{Op: "pid"}, time.Minute)
	if err != nil {
		t.Fatalf("after the idle child stopped: %v", err)
	}
	if next.Text == first.Text {
		t.Errorf("the stopped child (pid %s) answered again", next.Text)
	}
}
