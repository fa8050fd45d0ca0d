package cli

import (
	"math"
	"os"
	"runtime/debug"
	"sync"
)

// The soft memory limit of a lint run (runtime/debug.SetMemoryLimit).
//
// Go's collector lets the heap grow to twice what was live after the last collection
// (GOGC=100). A run keeps its findings until the report, little else; but one input
// can need tens of MiB while it is linted (a large chart and its rendered manifests),
// and the heap, and so the peak RSS, then doubles that. The limit clips such peaks: it
// is spikeHeadroom plus twice what the run keeps for its report (lint.Options.Kept),
// so it grows with the findings as the default would, and the collector works harder
// only while an input needs more than the headroom. Measured (docs/performance.md,
// "Peak memory"): the corpus peaks at 113–116 MB instead of 114–132 MB without it, for
// the same number of collections; copied four times, 187 MB instead of 212–221 MB, for
// 11% more collections and no CPU difference above the noise. A fixed limit would
// cost more as the findings grow: 96 MiB took the corpus copied four times to 25% more
// CPU.
//
// Since charts are linted in child processes (lint.ChartProcs), the largest inputs
// this process lints are Compose projects and manifests, and the headroom went from
// 80 to 48 MiB: on the whole corpus the run's summed memory (this process and its chart
// children, PSS) fell from 194-204 to 168-175 MB, with CPU within the noise (6.9-7.4
// against 6.9-6.9 s in alternated runs).
//
// A limit the user gives (GOMEMLIMIT, even "off") is never changed: it is a decision
// about the machine the run shares, which the user knows and we do not.
const spikeHeadroom = 48 << 20

// runGCPercent is the collector's GOGC while the soft limit is on. Under a limit, a
// larger GOGC costs memory only below the limit, and saves collections: on the whole
// corpus (docs/performance.md, "Peak memory") 200 took a run from 10.0 to 8.6 s of CPU
// and 5.3 to 4.6 s of wall time, and its peak RSS from 112 to 129 MB, still under the
// 150 MB of issue 9; 400 saved nothing more. A GOGC the user gives is left alone, as
// GOMEMLIMIT is.
const runGCPercent = 200

// softLimit moves the memory limit with what the run keeps. Its zero value does
// nothing.
type softLimit struct {
	mu       sync.Mutex
	on       bool
	previous int64 // the limit before the run, restored by stop
	set      int64 // the limit now
	gogc     int   // GOGC before the run, restored by stop; 0 when unchanged
}

// startSoftLimit sets the limit for a run that keeps nothing yet, and GOGC to
// runGCPercent, unless the user set a limit: GOMEMLIMIT in the environment (which the
// runtime, not Streams.Getenv, reads), or a limit already in force. Without the limit
// GOGC stays as it is: a larger one would let the heap grow unbounded.
func startSoftLimit() *softLimit {
	l := &softLimit{}
	if _, given := os.LookupEnv("GOMEMLIMIT"); given {
		return l
	}
	if current := debug.SetMemoryLimit(-1); current != math.MaxInt64 {
		return l
	}
	l.on, l.previous, l.set = true, math.MaxInt64, spikeHeadroom
	debug.SetMemoryLimit(l.set)
	if _, given := os.LookupEnv("GOGC"); !given {
		l.gogc = debug.SetGCPercent(runGCPercent)
	}
	return l
}

// kept is lint.Options.Kept: it raises the limit to spikeHeadroom plus twice what the
// run keeps, by steps of at least 4 MiB (each change of the limit recomputes the
// collector's pacing).
func (l *softLimit) kept(bytes int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.on {
		return
	}
	if want := spikeHeadroom + 2*bytes; want >= l.set+4<<20 {
		l.set = want
		debug.SetMemoryLimit(want)
	}
}

// stop restores the limit from before the run.
func (l *softLimit) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.on {
		debug.SetMemoryLimit(l.previous)
		if l.gogc != 0 {
			debug.SetGCPercent(l.gogc)
		}
		l.on = false
	}
}
