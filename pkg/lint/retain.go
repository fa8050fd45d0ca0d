package lint

import (
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/infralint/infralint/pkg/model"
)

// What a run keeps of each input until its report is written. A run reports its
// findings sorted, so it keeps every input's findings to the end; it must not keep what
// they were made from. Once an input's findings are made, shrink reduces its result to:
//
//   - the findings and errors, their strings copied out of the input's memory (a
//     message, context or suppression reason may be a substring of a file's text or
//     of a parsed document, and would keep all of it alive), each distinct string
//     once per run (interner);
//   - of each file the findings, related locations and errors are in, an excerpt
//     (model.Source.Excerpt) of the lines reporters show: the lines each of their
//     ranges starts and ends on, the first line and the last. The text report shows a
//     range's first line; an editor (pkg/lsp) converts both ends to UTF-16, an error
//     without a range to the first line, and a position past the end to the last line.
//
// The documents, the policy input, the parsed trees and the files' texts are then
// garbage. Reading the lines again at report time would keep less, but a buffer from
// an editor or standard input has no file to read, and a file may have changed since.

// shrink reduces r to what collect and the reporters use of it. in is the run's
// interner. A result from the cache (cached) is that already: its excerpts were made
// before it was stored, and its strings are its own small allocations.
func (r *fileResult) shrink(in *interner) {
	if !r.cached {
		need := r.lines()
		excerpts := func(all map[string]*model.Source) map[string]*model.Source {
			if len(all) == 0 {
				return nil
			}
			out := map[string]*model.Source{}
			for file, lines := range need {
				if src := all[file]; src != nil {
					out[in.str(file)] = src.Excerpt(shownLines(src, lines)...)
				}
			}
			return out
		}
		r.sources, r.seen = excerpts(r.sources), excerpts(r.seen)
		r.findings, r.suppressed = in.findings(r.findings), in.findings(r.suppressed)
		r.errs, r.warnings = in.errors(r.errs), in.errors(r.warnings)
	}
	r.excerpts = excerptSize(r.sources) + excerptSize(r.seen)
}

// excerptSize estimates the bytes a map of excerpts keeps.
func excerptSize(m map[string]*model.Source) int64 {
	if m == nil {
		return 0
	}
	n := int64(mapBase)
	for _, e := range m {
		n += mapEntry + int64(unsafe.Sizeof(*e)) + mapBase
		for _, l := range e.Held() {
			n += int64(len(e.Line(l))) + mapEntry
		}
	}
	return n
}

// shownLines are the lines of src reporters show for ranges that start and end on
// lines: those, the first line and the last, in order, once each.
func shownLines(src *model.Source, lines []int) []int {
	return slices.Compact(slices.Sorted(slices.Values(append(lines, 1, src.LineCount()))))
}

// lines lists, by file, the lines the ranges of r's findings, their related locations
// and its errors start and end on.
func (r *fileResult) lines() map[string][]int {
	need := map[string][]int{}
	mark := func(file string, rg model.Range) {
		need[file] = append(need[file], rg.Start.Line, rg.End.Line)
	}
	for _, list := range [][]model.Finding{r.findings, r.suppressed} {
		for _, f := range list {
			mark(f.File, f.Range)
			for _, l := range f.Related {
				mark(l.File, l.Range)
			}
		}
	}
	for _, e := range r.errs {
		if e.Range != nil {
			mark(e.File, *e.Range)
		}
	}
	return need
}

// interner copies strings out of an input's memory, once per distinct value for a
// run: the rule, category, help link, file and context of findings repeat, and so do
// most messages and pointers. A fingerprint is unique: it is copied each time. Its
// findings and errors are copied into slices of their length (the filter's have room
// to spare). It is safe for concurrent use.
type interner struct {
	mu    sync.Mutex
	m     map[string]string
	bytes int64 // what its strings and their entries take
}

func newInterner() *interner { return &interner{m: map[string]string{}} }

func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if c, ok := in.m[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in.m[c] = c
	in.bytes += int64(len(c)) + mapEntry
	return c
}

// size is what the interner keeps, in bytes.
func (in *interner) size() int64 {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.bytes
}

// Sizes for an estimate of what a result keeps: a map entry (with its share of the
// map's groups) and a map, roughly; the types' own sizes are exact.
const (
	mapEntry = 48
	mapBase  = 256
)

// size estimates what a shrunk r keeps, in bytes, besides the interner's strings.
// (An input without findings or errors keeps nothing but its slot.)
func (r *fileResult) size() int64 {
	n := int64(unsafe.Sizeof(*r))
	for _, list := range [][]model.Finding{r.findings, r.suppressed} {
		n += int64(cap(list)) * int64(unsafe.Sizeof(model.Finding{}))
		for _, f := range list {
			n += int64(len(f.Fingerprint)) + int64(len(f.Related))*int64(unsafe.Sizeof(model.Location{}))
			if f.Suppressed != nil {
				n += int64(unsafe.Sizeof(model.Suppression{}))
			}
		}
	}
	for _, list := range [][]model.FileError{r.errs, r.warnings} {
		n += int64(cap(list)) * int64(unsafe.Sizeof(model.FileError{})+unsafe.Sizeof(model.Range{}))
	}
	return n + r.excerpts
}

func (in *interner) findings(fs []model.Finding) []model.Finding {
	if len(fs) == 0 {
		return nil
	}
	out := make([]model.Finding, len(fs))
	for i, f := range fs {
		f.RuleID = in.str(f.RuleID)
		f.Category = in.str(f.Category)
		f.HelpURI = in.str(f.HelpURI)
		f.File = in.str(f.File)
		f.Context = in.str(f.Context)
		f.Message = in.str(f.Message)
		f.Pointer = in.str(f.Pointer)
		f.Fingerprint = strings.Clone(f.Fingerprint)
		if f.Suppressed != nil {
			f.Suppressed = &model.Suppression{Kind: in.str(f.Suppressed.Kind), Justification: in.str(f.Suppressed.Justification)}
		}
		if len(f.Related) > 0 {
			rel := make([]model.Location, len(f.Related))
			for i, l := range f.Related {
				rel[i] = model.Location{File: in.str(l.File), Range: l.Range, Message: in.str(l.Message)}
			}
			f.Related = rel
		}
		out[i] = f
	}
	return out
}

func (in *interner) errors(es []model.FileError) []model.FileError {
	if len(es) == 0 {
		return nil
	}
	out := make([]model.FileError, len(es))
	for i, e := range es {
		e.File, e.Message = in.str(e.File), in.str(e.Message)
		if e.Range != nil {
			rg := *e.Range
			e.Range = &rg
		}
		out[i] = e
	}
	return out
}

// mergeExcerpts adds to each source of sources that is an excerpt the lines the other
// results kept of the same file.
func mergeExcerpts(sources map[string]*model.Source, results []fileResult) {
	more := map[string][]*model.Source{}
	for _, r := range results {
		for _, m := range []map[string]*model.Source{r.sources, r.seen} {
			for file, src := range m {
				if s := sources[file]; s != nil && s != src && s.IsExcerpt() {
					more[file] = append(more[file], src)
				}
			}
		}
	}
	for file, others := range more {
		sources[file] = sources[file].Merge(others...)
	}
}
