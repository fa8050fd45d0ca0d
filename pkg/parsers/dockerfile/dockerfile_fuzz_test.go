package dockerfile

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
)

// The fuzz targets of the Dockerfile parser. Their invariant: no panic, an error rather
// than a hang, and every range the document can report inside the file. Run one with
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 1m ./pkg/parsers/dockerfile/
//
// A failing input is saved under testdata/fuzz/<target>/ and then runs with every
// `go test` as a regression test.

var seedGlobs = []string{
	"testdata/cases/*/Dockerfile",
	"testdata/negative/*/Dockerfile",
	"../../../policies/dockerfile/*/testdata/*.Dockerfile",
	"../../../testdata/examples/*/Dockerfile",
}

func FuzzParse(f *testing.F) {
	fuzzcheck.Seed(f, seedGlobs...)
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error { return checkParse(src) })
	})
}

// FuzzShell fuzzes the shell pre-parse: the fuzzed text is the body of a RUN, written
// as a continued shell form, as a heredoc, through sh -c and as the exec form.
func FuzzShell(f *testing.F) {
	for _, p := range fuzzcheck.SeedFiles(seedGlobs...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, body := range runBodies(data) {
			f.Add(body)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error {
			for _, src := range shellForms(body) {
				if err := checkParse(src); err != nil {
					return fmt.Errorf("%w\nin:\n%s", err, src)
				}
			}
			return nil
		})
	})
}

// shellForms writes a RUN body into the Dockerfiles that hand it to the shell parser.
func shellForms(body []byte) [][]byte {
	const from = "FROM alpine AS build\n"
	q := bytes.ReplaceAll(body, []byte(`'`), []byte(`'"'"'`))
	return [][]byte{
		append([]byte(from+"RUN "), body...),
		append([]byte(from+"RUN --mount=type=cache,target=/c \\\n  "), body...),
		append(append([]byte(from+"RUN <<EOF\n"), body...), "\nEOF\n"...),
		append(append([]byte(from+"RUN sh -c '"), q...), "'\n"...),
		append(append([]byte(from+"SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nONBUILD RUN "), body...), '\n'),
	}
}

var runLine = regexp.MustCompile(`(?i)^\s*RUN\s`)

// runBodies returns the text after RUN of every RUN instruction of a Dockerfile, its
// continuation lines included.
func runBodies(src []byte) [][]byte {
	var out [][]byte
	lines := bytes.Split(src, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		loc := runLine.FindIndex(lines[i])
		if loc == nil {
			continue
		}
		body := append([]byte{}, lines[i][loc[1]:]...)
		for bytes.HasSuffix(bytes.TrimRight(lines[i], " \t\r"), []byte(`\`)) && i+1 < len(lines) {
			i++
			body = append(append(body, '\n'), lines[i]...)
		}
		out = append(out, body)
	}
	return out
}

// checkParse parses src and checks every range the result holds.
func checkParse(src []byte) error {
	const path = "Dockerfile"
	doc, errs := Parse(path, src)
	source := model.NewSource(src)
	if err := fuzzcheck.FileErrors(path, source, errs); err != nil {
		return err
	}
	if doc == nil {
		if len(errs) == 0 {
			return fmt.Errorf("no document and no error")
		}
		return nil
	}
	loc, ok := doc.Locations.(*locator)
	if !ok {
		return fmt.Errorf("locator is a %T", doc.Locations)
	}
	for ptr, r := range loc.ranges {
		if err := fuzzcheck.Range(doc.Source, r); err != nil {
			return fmt.Errorf("pointer %s: %w", ptr, err)
		}
	}
	for cmd, rs := range loc.args {
		for k, r := range rs {
			if err := fuzzcheck.Range(doc.Source, r); err != nil {
				return fmt.Errorf("pointer %s/args/%d: %w", cmd, k, err)
			}
		}
	}
	return fuzzcheck.Document(doc)
}
