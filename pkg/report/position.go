package report

import "github.com/infralint/infralint/pkg/model"

// clamp makes r a range every format can show: lines and columns at least 1 and the end
// not before the start. A finding always has a place in its file, and SARIF consumers
// reject regions with a zero line, so a broken range is pinned to where it starts (or
// to 1:1) rather than dropped.
func clamp(r model.Range) model.Range {
	if r.Valid() {
		return r
	}
	r.Start.Line = max(r.Start.Line, 1)
	r.Start.Column = max(r.Start.Column, 1)
	if r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
		r.End = r.Start
	}
	r.End.Column = max(r.End.Column, 1)
	return r
}
