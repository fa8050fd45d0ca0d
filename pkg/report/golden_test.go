package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render runs the named format on r.
func render(t *testing.T, format string, opts Options, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	rep, err := New(format, &b, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Report(r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// TestGolden pins every format's output for the sample result. Run
// `go test ./pkg/report -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		format string
		opts   Options
	}{
		{"golden.txt", "text", Options{}},
		{"golden-color.txt", "text", Options{Color: true}},
		{"golden.json", "json", Options{}},
		{"golden.sarif", "sarif", Options{}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, tc.opts, sampleResult(t))
			if again := render(t, tc.format, tc.opts, sampleResult(t)); !bytes.Equal(got, again) {
				t.Fatal("two runs on the same result differ")
			}
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}
