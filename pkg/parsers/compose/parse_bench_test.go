package compose_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/rules"
)

// corpusProjects are the Compose files of the measurement corpus (../shared), read in
// place; the benchmarks skip when it is absent.
func corpusProjects(b *testing.B) []string {
	b.Helper()
	root := filepath.Join("..", "..", "..", "..", "shared", "corpus", "compose")
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
	for b.Loop() {
		for i, f := range files {
			compose.Parse(f, srcs[i], compose.Options{Overrides: []string{}})
		}
	}
	b.ReportMetric(float64(len(files)), "files")
}

// BenchmarkEvaluateCorpus evaluates the default Compose rules over the parsed corpus
// (an op is the whole corpus), policies compiled beforehand.
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
	eng, err := rules.New(reg, rules.Selection{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := eng.Prepare(ctx, model.KindCompose); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := eng.Evaluate(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(docs)), "docs")
}
