package cli

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// unsetenv removes name for the test, restoring it after.
func unsetenv(t *testing.T, name string) {
	t.Helper()
	t.Setenv(name, "") // restores the old value after the test
	if err := os.Unsetenv(name); err != nil {
		t.Fatal(err)
	}
}

// TestSoftLimit: the limit starts at the headroom, grows with twice what the run
// keeps, and is lifted when the run ends; GOGC is runGCPercent meanwhile.
func TestSoftLimit(t *testing.T) {
	unsetenv(t, "GOMEMLIMIT")
	unsetenv(t, "GOGC")
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("a memory limit is in force")
	}
	gogc := debug.SetGCPercent(-1)
	debug.SetGCPercent(gogc)
	l := startSoftLimit()
	defer l.stop()
	if got := debug.SetGCPercent(runGCPercent); got != runGCPercent {
		t.Errorf("GOGC %d during the run, want %d", got, runGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != spikeHeadroom {
		t.Fatalf("limit %d, want %d", got, spikeHeadroom)
	}
	l.kept(1 << 20) // less than a step: unchanged
	if got := debug.SetMemoryLimit(-1); got != spikeHeadroom {
		t.Errorf("limit %d after 1 MiB kept, want %d", got, spikeHeadroom)
	}
	l.kept(10 << 20)
	if got, want := debug.SetMemoryLimit(-1), int64(spikeHeadroom+20<<20); got != want {
		t.Errorf("limit %d after 10 MiB kept, want %d", got, want)
	}
	l.kept(5 << 20) // what is kept is a running total; the limit never goes down
	if got, want := debug.SetMemoryLimit(-1), int64(spikeHeadroom+20<<20); got != want {
		t.Errorf("limit %d, want %d", got, want)
	}
	l.stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after the run, want none", got)
	}
	if got := debug.SetGCPercent(gogc); got != gogc {
		t.Errorf("GOGC %d after the run, want %d back", got, gogc)
	}
	l.kept(100 << 20)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d set after the run", got)
	}
}

// TestSoftLimitLeavesTheUsersGOGC: a GOGC in the environment is the user's.
func TestSoftLimitLeavesTheUsersGOGC(t *testing.T) {
	unsetenv(t, "GOMEMLIMIT")
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("a memory limit is in force")
	}
	t.Setenv("GOGC", "100")
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	l := startSoftLimit()
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("GOGC=100 given: GOGC %d during the run, was %d", got, before)
	}
	l.stop()
}

// TestSoftLimitLeavesTheUsers: a GOMEMLIMIT in the environment, even "off", or a limit
// set otherwise, is the user's: the run does not touch it, nor GOGC.
func TestSoftLimitLeavesTheUsers(t *testing.T) {
	for _, v := range []string{"off", "1GiB"} {
		t.Setenv("GOMEMLIMIT", v)
		before := debug.SetMemoryLimit(-1)
		l := startSoftLimit()
		l.kept(50 << 20)
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("GOMEMLIMIT=%s: limit %d, was %d", v, got, before)
		}
		l.stop()
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("GOMEMLIMIT=%s: limit %d after the run, was %d", v, got, before)
		}
	}

	unsetenv(t, "GOMEMLIMIT")
	old := debug.SetMemoryLimit(3 << 30)
	defer debug.SetMemoryLimit(old)
	l := startSoftLimit()
	l.kept(50 << 20)
	l.stop()
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("a limit in force became %d", got)
	}
}
