//go:build unix

package cache

import (
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// corpus is the shared benchmark corpus (issue 9), beside the repository.
const corpus = "../../../shared/corpus"

// BenchmarkReadHashCorpus is the floor the result cache is measured against: walking
// the corpus (or one kind's part of it) and reading and hashing every file, on one
// goroutine. A warm run of infralint on the same files should cost at most 1.2× this.
func BenchmarkReadHashCorpus(b *testing.B) {
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("no corpus at", corpus)
	}
	for _, part := range []string{"", "dockerfiles", "compose", "k8s", "charts"} {
		name := part
		if name == "" {
			name = "all"
		}
		b.Run(name, func(b *testing.B) {
			var files, bytes int64
			cpu := cpuTime()
			for b.Loop() {
				files, bytes = 0, 0
				err := filepath.WalkDir(filepath.Join(corpus, part), func(p string, d fs.DirEntry, err error) error {
					if err != nil || !d.Type().IsRegular() {
						return err
					}
					f, err := os.Open(p)
					if err != nil {
						return err
					}
					h := sha256.New()
					n, err := io.Copy(h, f)
					_ = f.Close()
					h.Sum(nil)
					files++
					bytes += n
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(files), "files")
			b.ReportMetric(float64(bytes)/(1<<20), "MiB")
		})
	}
}
