//go:build unix

package compose_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/rules"
)

// corpusProjects are the Compose files of the measurement corpus (../shared), read in
// place; the benchmarks skip when it is absent.
func corpusProjects(b *testing.B) []string {
	b.Helper()
	root := testutil.Shared(b, "corpus", "compose")
	var out []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			out = append(out, p)
		}
		return nil
	})
	if len(out) == 0 {
		b.Skip("no corpus at", root)
	}
	return out
}

// BenchmarkParseCorpus parses every Compose file of the corpus as its own project (an
// op is the whole corpus): reading, indexing, compose-go's load, attribution.
func BenchmarkParseCorpus(b *testing.B) {
	files := corpusProjects(b)
	srcs := make([][]byte, len(files))
	for i, f := range files {
		srcs[i], _ = os.ReadFile(f)
	}
	b.ReportAllocs()
	defer perFile(b, len(files))()
	for b.Loop() {
		for i, f := range files {
			compose.Parse(f, srcs[i], compose.Options{Overrides: []string{}})
		}
	}
	b.ReportMetric(float64(len(files)), "files")
}

// BenchmarkEvaluateCorpus evaluates the parsed corpus (an op is the whole corpus),
// policies compiled beforehand: with the default rules, and with every rule disabled
// (the floor of an evaluation: converting the input to OPA's values, running the
// aggregate query over no rules, decoding).
func BenchmarkEvaluateCorpus(b *testing.B) {
	files := corpusProjects(b)
	var docs []*model.Document
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if doc, _ := compose.Parse(f, src, compose.Options{Overrides: []string{}}); doc != nil {
			docs = append(docs, doc)
		}
	}
	reg, err := rules.Load()
	if err != nil {
		b.Fatal(err)
	}
	var all []string
	for _, r := range reg.Rules() {
		all = append(all, r.ID)
	}
	for _, sel := range []struct {
		name string
		sel  rules.Selection
	}{{"default", rules.Selection{}}, {"no-rules", rules.Selection{Disable: all}}} {
		b.Run(sel.name, func(b *testing.B) {
			eng, err := rules.New(reg, sel.sel)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			if err := eng.Prepare(ctx, model.KindCompose); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			defer perFile(b, len(docs))()
			for b.Loop() {
				for _, d := range docs {
					if _, err := eng.Evaluate(ctx, d); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(docs)), "docs")
		})
	}
}

// perFile reports, at the end of a benchmark over n files, the CPU time of an
// iteration (process user+sys time: a busy machine inflates it less than wall time)
// and the wall and CPU time per file.
func perFile(b *testing.B, n int) func() {
	start, wall := cpuTime(b), time.Now()
	return func() {
		cpu := float64((cpuTime(b) - start).Microseconds()) / 1000 / float64(b.N)
		b.ReportMetric(cpu, "cpu-ms/op")
		b.ReportMetric(cpu/float64(max(n, 1)), "cpu-ms/file")
		b.ReportMetric(float64(time.Since(wall).Microseconds())/1000/float64(b.N)/float64(max(n, 1)), "ms/file")
	}
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
