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
