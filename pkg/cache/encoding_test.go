package cache

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/infralint/infralint/pkg/model"
)

// sampleEntry is a typical entry of the corpus: a dozen findings with a related
// location, an excerpt of the file they are in, a few dependencies.
func sampleEntry() *Entry {
	text := model.NewSource([]byte(strings.Repeat("  image: nginx:latest\n", 100)))
	e := &Entry{Sources: map[string]*model.Source{"charts/x/templates/deployment.yaml": text.Excerpt(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100)}}
	for i := range 4 {
		e.Deps = append(e.Deps, Dep{Kind: KindFile, Path: fmt.Sprintf("charts/x/values-%d.yaml", i), Hash: strings.Repeat("ab", 32)})
	}
	for i := range 12 {
		r := model.Range{Start: model.Position{Line: i + 1, Column: 3}, End: model.Position{Line: i + 1, Column: 20}}
		e.Findings = append(e.Findings, model.Finding{RuleID: "image-untagged", Severity: model.SeverityWarning, Category: "reliability",
			HelpURI: "https://docs.docker.com/", Message: "image nginx has no tag: the image may change under you", File: "charts/x/templates/deployment.yaml",
			Range: r, Pointer: "/spec/template/spec/containers/0/image", Context: "values set default; Deployment x",
			Fingerprint: strings.Repeat("f", 16), Related: []model.Location{{File: "charts/x/values.yaml", Range: r, Message: "the value"}}})
	}
	return e
}

// BenchmarkDecode compares the encodings an entry could be stored in: the one used
// (encode.go), gob and encoding/json.
func BenchmarkDecode(b *testing.B) {
	e := sampleEntry()
	var g bytes.Buffer
	if err := gob.NewEncoder(&g).Encode(e); err != nil {
		b.Fatal(err)
	}
	j, err := json.Marshal(e)
	if err != nil {
		b.Fatal(err)
	}
	own := encodeEntry(nil, e)
	b.Run("own", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeEntry(own); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(own)), "bytes")
	})
	b.Run("gob", func(b *testing.B) {
		for b.Loop() {
			var out Entry
			if err := gob.NewDecoder(bytes.NewReader(g.Bytes())).Decode(&out); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(g.Len()), "bytes")
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			var out Entry
			if err := json.Unmarshal(j, &out); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(j)), "bytes")
	})
}
