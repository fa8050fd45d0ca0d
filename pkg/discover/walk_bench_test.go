package discover_test

import (
	"os"
	"testing"

	"github.com/infralint/infralint/pkg/discover"
)

// corpus is the shared benchmark corpus, beside the repository.
const corpus = "../../../shared/corpus"

// BenchmarkWalkCorpus is discovery over the shared corpus: the walk, the .gitignore
// and chart checks of each directory, and the sniffing of each YAML file's head.
func BenchmarkWalkCorpus(b *testing.B) {
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("no corpus at", corpus)
	}
	b.ReportAllocs()
	var files int
	for b.Loop() {
		found, _ := discover.Walk([]string{corpus})
		files = len(found)
	}
	b.ReportMetric(float64(files), "files")
}
