package cli_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/infralint/infralint/pkg/report"
)

// TestDeterministicOutput: the same inputs give byte-identical output in every format,
// from run to run and whatever the number of workers, over a tree of every kind with
// inputs that fail to parse.
func TestDeterministicOutput(t *testing.T) {
	writeMixed(t, true)
	first := lintAll(t, "-j", "1")
	for _, jobs := range []string{"8", "8", "1"} {
		again := lintAll(t, "-j", jobs)
		for _, format := range report.Formats() {
			if !bytes.Equal(first[format], again[format]) {
				t.Errorf("%s output of -j %s differs from -j 1:\n%s", format, jobs, firstDifference(first[format], again[format]))
			}
		}
	}
	if len(first["json"]) < 1000 {
		t.Fatalf("suspiciously short output:\n%s", first["json"])
	}
}

// firstDifference shows the lines around where a and b first differ.
func firstDifference(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return "one output is a prefix of the other"
}
