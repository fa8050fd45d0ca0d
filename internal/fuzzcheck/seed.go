package fuzzcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// MaxSeed is the largest file Seed adds: the fuzzer mutates small inputs best.
const MaxSeed = 64 << 10

// SeedFiles returns the paths the glob patterns match, sorted, without duplicates.
func SeedFiles(patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		m, _ := filepath.Glob(p)
		out = append(out, m...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Seed adds the contents of every regular file the patterns match (up to MaxSeed
// bytes) to the seed corpus of f. It fails the target when nothing matches, so a
// moved fixture directory is noticed.
func Seed(f *testing.F, patterns ...string) {
	f.Helper()
	n := 0
	for _, p := range SeedFiles(patterns...) {
		info, err := os.Stat(p)
		if err != nil || !info.Mode().IsRegular() || info.Size() > MaxSeed {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		n++
	}
	if n == 0 {
		f.Fatalf("no seed files match %q", patterns)
	}
}

// Timeout is how long one fuzz input may take: far more than any input of a fuzzer's
// size needs, even on a loaded machine.
const Timeout = 20 * time.Second

// Within runs check and fails t with its error, or when it has not returned after d: a
// parser must give an error rather than hang. (A hung goroutine is left behind; the
// test has failed.)
func Within(t testing.TB, d time.Duration, check func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- check() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-timer.C:
		t.Fatalf("did not finish within %s", d)
	}
}
