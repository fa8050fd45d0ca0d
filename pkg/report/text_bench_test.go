package report

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/infralint/infralint/pkg/model"
)

// benchLines are the kinds of line the text report shows: plain ASCII, indented
// YAML, a tab, non-ASCII and wide characters, an empty line, a long line.
var benchLines = []string{
	"FROM golang:1.22 AS builder",
	"RUN apt-get update && apt-get install -y curl ca-certificates git make",
	"RUN\tcurl -fsSL https://example.com/install.sh | sh",
	"          image: nginx:latest",
	"            privileged: true",
	"LABEL maintainer=\"héllo wörld\" description=\"日本語のイメージ\"",
	"",
	"ENV PATH=/usr/local/go/bin:$PATH GOPATH=/go " + strings.Repeat("CGO_ENABLED=0 ", 6),
	"      containers:",
	"USER root",
}

// manyFilesResult is a run's result the size of the shared corpus's: files with
// findings, each with its source excerpted as pkg/lint keeps it, a few file errors
// and findings whose line is past the end of the file.
func manyFilesResult(files, perFile int) *Result {
	r := &Result{Tool: Tool{Name: "infralint", Version: "dev"}, Files: files * 2, Sources: map[string]*model.Source{}}
	severities := []model.Severity{model.SeverityError, model.SeverityWarning, model.SeverityInfo}
	for i := range files {
		name := fmt.Sprintf("repos/owner__project-%d/deploy/app-%d/Dockerfile", i%97, i)
		var text strings.Builder
		lineCount := 40 + i%200
		for l := range lineCount {
			text.WriteString(benchLines[(i+l)%len(benchLines)])
			text.WriteByte('\n')
		}
		r.Sources[name] = model.NewSource([]byte(text.String()))
		for k := range perFile {
			line := 1 + (k*37+i)%(lineCount+2) // now and then past the end
			col := 1 + k%9
			f := model.Finding{
				RuleID: fmt.Sprintf("rule-%02d", k%23), Severity: severities[(i+k)%3],
				Message: "a message that says what is wrong and what to do about it, as rules write them",
				File:    name,
				Range:   model.Range{Start: model.Position{Line: line, Column: col}, End: model.Position{Line: line, Column: col + 3 + k%20}},
			}
			if k%3 == 0 {
				f.Context = fmt.Sprintf("stage %d", k)
			}
			if k%11 == 0 {
				f.Range.End.Line++ // spans lines
			}
			r.Findings = append(r.Findings, f)
		}
		if i%100 == 0 {
			r.Errors = append(r.Errors, model.FileError{File: name, Range: &model.Range{Start: model.Position{Line: 2, Column: 1}, End: model.Position{Line: 2, Column: 4}}, Message: "a parse error"})
		}
	}
	r.Errors = append(r.Errors, model.FileError{File: "unreadable/Dockerfile", Message: "open: permission denied"})
	r.Sort()
	return excerpted(r)
}

// BenchmarkTextReport is the text report of a result the size of a run over the shared
// corpus (2,600 files with findings, 21,000 findings).
func BenchmarkTextReport(b *testing.B) {
	r := manyFilesResult(2600, 8)
	for _, color := range []bool{false, true} {
		b.Run(fmt.Sprintf("color=%v", color), func(b *testing.B) {
			w := &countingWriter{}
			b.ReportAllocs()
			for b.Loop() {
				w.n = 0
				if err := (&Text{W: w, Color: color}).Report(r); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(w.n))
		})
	}
}

// countingWriter discards what it is given, as /dev/null does, and counts it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
