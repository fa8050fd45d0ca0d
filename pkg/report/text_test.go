package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

// cuttingWriter keeps what it is given while that adds up to at most n bytes, then
// fails: a disk that fills up, seen from a writer that writes all or nothing.
type cuttingWriter struct {
	bytes.Buffer
	n      int
	writes int
}

func (w *cuttingWriter) Write(p []byte) (int, error) {
	w.writes++
	if len(p) > w.n {
		w.n = 0
		return 0, errWrite
	}
	w.n -= len(p)
	return w.Buffer.Write(p)
}

// TestTextWritesWholeFiles: the text report is written a few files at a time, and a
// writer that fails part way keeps only whole files: no half line, no file cut
// between two of its findings.
func TestTextWritesWholeFiles(t *testing.T) {
	r := manyFilesResult(300, 8)
	var whole bytes.Buffer
	if err := (&Text{W: &whole}).Report(r); err != nil {
		t.Fatal(err)
	}
	full := whole.String()
	if w := (&cuttingWriter{n: len(full)}); (&Text{W: w}).Report(r) != nil || w.String() != full || w.writes < 2 {
		t.Fatalf("a writer that does not fail: %d writes, same bytes %v", w.writes, w.String() == full)
	}
	for _, n := range []int{0, 100, reportChunk, 3 * reportChunk, len(full) - 1} {
		w := &cuttingWriter{n: n}
		if err := (&Text{W: w}).Report(r); !errors.Is(err, errWrite) {
			t.Errorf("writer failing after %d bytes: error %v", n, err)
		}
		kept := w.String()
		if kept == "" {
			continue
		}
		rest, ok := strings.CutPrefix(full, kept)
		if !ok || !strings.HasPrefix(rest, "\n") {
			t.Fatalf("writer failing after %d bytes: kept %d bytes that do not end a file", n, len(kept))
		}
		if last, next := headerFile(kept, true), headerFile(rest, false); last == next {
			t.Errorf("writer failing after %d bytes: %s cut between its entries", n, last)
		}
	}
}

// headerFile is the file of the last (or first) finding header of a report's text.
func headerFile(text string, last bool) string {
	lines := strings.Split(text, "\n")
	for i := range lines {
		l := lines[i]
		if last {
			l = lines[len(lines)-1-i]
		}
		if file, _, ok := strings.Cut(l, ":"); ok && l != "" && !strings.HasPrefix(l, " ") {
			return file
		}
	}
	return ""
}

// TestTextOddSourceLines: a source line shows bytes that are not UTF-8 as U+FFFD and
// control characters as U+FFFD, keeps tabs, and the carets allow for wide characters.
func TestTextOddSourceLines(t *testing.T) {
	src := model.NewSource([]byte("a\xffb\tc\x1bd 日本x\n"))
	r := &Result{
		Files: 1, Sources: map[string]*model.Source{"Dockerfile": src},
		Findings: []model.Finding{
			{RuleID: "r", Severity: model.SeverityWarning, Message: "m", File: "Dockerfile", Range: model.Range{
				Start: model.Position{Line: 1, Column: 4}, End: model.Position{Line: 1, Column: 11},
			}},
			{RuleID: "r", Severity: model.SeverityWarning, Message: "past the end", File: "Dockerfile", Range: model.Range{
				Start: model.Position{Line: 1, Column: 40}, End: model.Position{Line: 1, Column: 41},
			}},
		},
	}
	want := "Dockerfile:1:4: warning [r] m\n" +
		"  1 | a\uFFFDb\tc\uFFFDd 日本x\n" +
		"    |    ^^^^^^^^^\n" +
		"\n" +
		"Dockerfile:1:40: warning [r] past the end\n" +
		"  1 | a\uFFFDb\tc\uFFFDd 日本x\n" +
		"    |    \t         ^\n" +
		"\n" +
		"2 problems (0 errors, 2 warnings, 0 info) in 1 of 1 file\n"
	var got bytes.Buffer
	if err := (&Text{W: &got}).Report(r); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
