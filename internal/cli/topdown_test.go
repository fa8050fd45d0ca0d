package cli_test

import (
	"io/fs"
	"path/filepath"
	"testing"
)

// TestTopdownDiagnosis: INFRALINT_TOPDOWN=1 evaluates the built-in policies with topdown
// from their Rego source instead of the plans. Every format comes out byte for byte the
// same on a tree with inputs of every kind, and the run neither reads nor writes the
// result cache (a diagnosis must evaluate, not replay what the plans cached).
func TestTopdownDiagnosis(t *testing.T) {
	writeCacheTree(t)
	dir := t.TempDir()
	planned, plannedErr, _ := lintCached(t, "--no-cache")
	// Fill the cache with the plans' results first: a topdown run must not read them.
	if _, _, stats := lintCached(t, "--cache-dir", dir); stats[1] == 0 {
		t.Fatalf("the cache run stored nothing: %v", stats)
	}
	before := cacheEntries(t, dir)
	t.Setenv("INFRALINT_TOPDOWN", "1")
	topdown, topdownErr, stats := lintCached(t, "--cache-dir", dir)
	if stats != [2]int{} {
		t.Errorf("topdown run used the cache: %d hits, %d misses", stats[0], stats[1])
	}
	if after := cacheEntries(t, dir); after != before {
		t.Errorf("topdown run changed the cache: %d entries before, %d after", before, after)
	}
	sameOutputs(t, "topdown against the plans", planned, topdown)
	if plannedErr != topdownErr {
		t.Errorf("standard error differs:\n--- plans\n%s\n--- topdown\n%s", plannedErr, topdownErr)
	}
}

func cacheEntries(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
