// Package fuzzcheck holds the invariants that the fuzz and limit tests of every parser
// check on what it returns, whatever the input: every range is a real place inside the
// file it names (lines from 1 to the line count, columns from 1 to just after the last
// character of the line, the start not after the end), and every pointer into a
// document's input can be located. A parser that breaks one of them would make a
// reporter show the wrong line, or a SARIF consumer reject the whole report.
package fuzzcheck

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// Range reports why r is not a range inside src, or nil. An empty source has one empty
// line, so its only place is 1:1.
func Range(src *model.Source, r model.Range) error {
	if src == nil {
		return fmt.Errorf("range %s in a file without text", r)
	}
	lines := max(src.LineCount(), 1)
	switch {
	case r.Start.Line < 1 || r.End.Line < 1:
		return fmt.Errorf("range %s: line before 1", r)
	case r.Start.Line > lines || r.End.Line > lines:
		return fmt.Errorf("range %s: line after the last (%d)", r, lines)
	case r.End.Line < r.Start.Line || r.End.Line == r.Start.Line && r.End.Column < r.Start.Column:
		return fmt.Errorf("range %s: ends before it starts", r)
	}
	for _, p := range []model.Position{r.Start, r.End} {
		if p.Column < 1 || p.Column > src.LineEnd(p.Line) {
			return fmt.Errorf("range %s: column %d of line %d is outside 1..%d (line %q)", r, p.Column, p.Line, src.LineEnd(p.Line), abbrev(src.Line(p.Line)))
		}
	}
	return nil
}

// FileErrors checks the ranges of errors about the file path whose text is src.
func FileErrors(path string, src *model.Source, errs []model.FileError) error {
	for _, e := range errs {
		if e.Message == "" {
			return fmt.Errorf("error without a message for %s", e.File)
		}
		if e.Range == nil || e.File != path {
			continue
		}
		if err := Range(src, *e.Range); err != nil {
			return fmt.Errorf("error %q: %w", e.Message, err)
		}
	}
	return nil
}

// MaxPointers bounds how many pointers Document locates, so a large input stays quick.
const MaxPointers = 20_000

// Document checks every place a document can report: the range of every JSON pointer
// into its input (and of a child that is not there, which falls back to an ancestor),
// in the file the locator names for it; the related locations; and the nodes that
// start on each line, for suppression comments.
func Document(doc *model.Document) error {
	if doc == nil {
		return nil
	}
	if doc.Source == nil {
		return fmt.Errorf("%s: document without its text", doc.Path)
	}
	if doc.Locations == nil {
		return fmt.Errorf("%s: document without a locator", doc.Path)
	}
	data, err := json.Marshal(doc.Input)
	if err != nil {
		return fmt.Errorf("%s: input does not encode: %w", doc.Path, err)
	}
	var input any
	if err := json.Unmarshal(data, &input); err != nil {
		return fmt.Errorf("%s: input does not decode: %w", doc.Path, err)
	}
	ptrs := Pointers(input, MaxPointers)
	// The lines the document's pointers land on, per file: where the nodes that
	// suppression comments cover are asked for (every line of a file of many
	// documents, for each of them, would be quadratic).
	lines := map[string]map[int]bool{"": {0: true, 1: true, doc.Source.LineCount(): true, doc.Source.LineCount() + 1: true}}
	for _, p := range ptrs {
		for _, q := range []string{p, p + "/no-such-key", p + "/0"} {
			file, line, err := locate(doc, q)
			if err != nil {
				return err
			}
			if lines[file] == nil {
				lines[file] = map[int]bool{}
			}
			for l := line - 1; l <= line+1; l++ {
				lines[file][l] = true
			}
		}
	}
	if nl, ok := doc.Locations.(model.NodeLocator); ok {
		for f, set := range lines {
			src, err := sourceOf(doc, f)
			if err != nil {
				return err
			}
			if f == doc.Path {
				f = ""
			}
			for line := range set {
				r, ok := nl.NodeStartingAt(f, line)
				if !ok {
					continue
				}
				if err := Range(src, r); err != nil {
					return fmt.Errorf("%s: node starting at line %d of %q: %w", doc.Path, line, f, err)
				}
				if r.Start.Line != line {
					return fmt.Errorf("%s: node starting at line %d of %q starts at %d", doc.Path, line, f, r.Start.Line)
				}
			}
		}
	}
	return nil
}

// locate checks the range of one pointer, and returns the file and line it is at.
func locate(doc *model.Document, ptr string) (string, int, error) {
	loc := doc.Locations
	r := loc.Locate(ptr)
	file := loc.File(ptr)
	src, err := sourceOf(doc, file)
	if err != nil {
		return "", 0, fmt.Errorf("%s: pointer %q: %w", doc.Path, ptr, err)
	}
	if err := Range(src, r); err != nil {
		return "", 0, fmt.Errorf("%s: pointer %q (in %q): %w", doc.Path, ptr, file, err)
	}
	_ = loc.Anchor(ptr)
	_ = loc.Context(ptr)
	if rl, ok := loc.(model.RelatedLocator); ok {
		for _, l := range rl.Related(ptr) {
			src, err := sourceOf(doc, l.File)
			if err != nil {
				return "", 0, fmt.Errorf("%s: related location of %q: %w", doc.Path, ptr, err)
			}
			if err := Range(src, l.Range); err != nil {
				return "", 0, fmt.Errorf("%s: related location of %q in %s: %w", doc.Path, ptr, l.File, err)
			}
		}
	}
	return file, r.Start.Line, nil
}

// sourceOf is the text of a file a document names: its own ("" or its path) or one of
// the files it was built from.
func sourceOf(doc *model.Document, file string) (*model.Source, error) {
	if file == "" || file == doc.Path {
		return doc.Source, nil
	}
	if s, ok := doc.Sources[file]; ok && s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("names file %q, which the document does not carry", file)
}

// Pointers lists the JSON Pointers of every value in v (as decoded by encoding/json),
// the root ("") first, in a stable order, at most limit of them.
func Pointers(v any, limit int) []string {
	var out []string
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		if len(out) >= limit {
			return
		}
		out = append(out, ptr)
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], ptr+"/"+escape(k))
			}
		case []any:
			for i, c := range x {
				walk(c, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(v, "")
	return out
}

func escape(token string) string {
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}

func abbrev(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
