package cache

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
)

// TestEncodeRoundTrip: an entry decodes to what was encoded, nil and empty slices of
// related locations included (a reporter may tell them apart).
func TestEncodeRoundTrip(t *testing.T) {
	e := sampleEntry()
	r := model.Range{Start: model.Position{Line: 1, Column: 1}, End: model.Position{Line: 1, Column: 4}}
	e.Findings[0].Related = []model.Location{}
	e.Findings[1].Related = nil
	e.Suppressed = []model.Finding{{RuleID: "x", Suppressed: &model.Suppression{Kind: model.SuppressInSource, Justification: "why"}}}
	e.Errors = []model.FileError{{File: "a", Message: "no range"}, {File: "b", Range: &r, Message: "ranged"}}
	e.Warnings = []model.FileError{{File: "c", Range: &r, Message: "w"}}
	got, err := decodeEntry(encodeEntry(nil, e))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e, got, compareSources); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	if got.Findings[0].Related == nil || got.Findings[1].Related != nil {
		t.Error("nil and empty related locations are not kept apart")
	}
	// Every truncation is an error, never a panic or a shorter entry.
	data := encodeEntry(nil, e)
	for n := range data {
		if _, err := decodeEntry(data[:n]); err == nil {
			t.Fatalf("a truncated entry (%d of %d bytes) decoded", n, len(data))
		}
	}
}

// compareSources compares excerpts by what they answer: their line count and lines.
var compareSources = cmp.Transformer("excerpt", func(s *model.Source) map[int]string {
	lines := map[int]string{-1: fmt.Sprint(s.LineCount(), s.IsExcerpt())}
	for _, n := range s.Held() {
		lines[n] = s.Line(n)
	}
	return lines
})

// TestEncodedFields fails when a type the entry encoding writes by hand gains or
// loses a field: encode.go must then write it too (and formatVersion change).
func TestEncodedFields(t *testing.T) {
	want := map[reflect.Type][]string{
		reflect.TypeFor[model.Finding]():     {"RuleID", "Severity", "Category", "HelpURI", "Message", "File", "Range", "Pointer", "Context", "Fingerprint", "Suppressed", "Related"},
		reflect.TypeFor[model.Location]():    {"File", "Range", "Message"},
		reflect.TypeFor[model.Suppression](): {"Kind", "Justification"},
		reflect.TypeFor[model.FileError]():   {"File", "Range", "Message"},
		reflect.TypeFor[model.Range]():       {"Start", "End"},
		reflect.TypeFor[model.Position]():    {"Line", "Column"},
		reflect.TypeFor[Entry]():             {"Deps", "Findings", "Suppressed", "Errors", "Warnings", "Sources"},
		reflect.TypeFor[Dep]():               {"Kind", "Path", "Hash"},
	}
	for typ, fields := range want {
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Name)
		}
		if diff := cmp.Diff(fields, got); diff != "" {
			t.Errorf("%s has other fields than encode.go writes (-encoded +now):\n%s", typ, diff)
		}
	}
}
