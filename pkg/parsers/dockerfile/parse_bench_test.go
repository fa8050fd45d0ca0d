//go:build unix

package dockerfile_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

// benchDockerfile is a realistic service image: a global ARG, three stages, continued RUNs
// with several commands each, a curl | tar pipeline, COPY --from and a
// non-root final stage. Written for the benchmarks; not taken from anywhere.
const benchDockerfile = `# syntax=docker/dockerfile:1
ARG GO_VERSION=1.26
ARG DEBIAN_RELEASE=bookworm

FROM golang:${GO_VERSION}-${DEBIAN_RELEASE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod \
    go mod download && \
    go mod verify
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags="-s -w" -o /out/server ./cmd/server && \
    go build -ldflags="-s -w" -o /out/migrate ./cmd/migrate

FROM debian:${DEBIAN_RELEASE}-slim AS assets
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl tzdata \
 && curl -fsSL https://example.com/assets.tar.gz | tar -xz -C /opt \
 && rm -rf /var/lib/apt/lists/*

FROM debian:${DEBIAN_RELEASE}-slim
LABEL org.opencontainers.image.source="https://example.com/service"
RUN groupadd --system app && useradd --system --gid app --home /srv app
COPY --from=assets /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=assets /opt/assets /srv/assets
COPY --from=build /out/ /usr/local/bin/
USER app
WORKDIR /srv
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s CMD ["/usr/local/bin/server", "-healthcheck"]
ENTRYPOINT ["/usr/local/bin/server"]
CMD ["--listen", ":8080"]
`

func BenchmarkParse(b *testing.B) {
	src := []byte(benchDockerfile)
	if doc, errs := dockerfile.Parse("Dockerfile", src); doc == nil || len(errs) > 0 {
		b.Fatalf("the benchmark Dockerfile does not parse cleanly: %v", errs)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		dockerfile.Parse("Dockerfile", src)
	}
}

// BenchmarkCorpusParse parses every file of the measurement corpus (../shared/corpus,
// third-party files that must never be copied into this repository) per iteration.
func BenchmarkCorpusParse(b *testing.B) {
	files := readCorpus(b)
	var size int64
	for _, f := range files {
		size += int64(len(f.Src))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		for _, f := range files {
			dockerfile.Parse(f.Path, f.Src)
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}

// readCorpus reads every regular file under ../shared/corpus/dockerfiles (found beside the
// module root), once; b.Loop starts the timer after it. It skips when the corpus is absent.
func readCorpus(b *testing.B) []testutil.File {
	b.Helper()
	return testutil.ReadFiles(b, testutil.Shared(b, "corpus", "dockerfiles"))
}

// cpuPerOp reports the process's CPU time (user+sys, GC workers included) per iteration,
// which a busy machine inflates less than wall time. Call it as defer cpuPerOp(b)() right
// before the loop. pkg/rules' benchmarks report the same metric.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime(b)
	return func() {
		b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
