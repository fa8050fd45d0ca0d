package suppress

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is the findings a team has accepted for now: `--write-baseline FILE` records
// them, and `--baseline FILE` reports only findings that are not in it. Findings are
// matched by fingerprint, which depends on the rule, the file and the text the finding
// points at, not on line numbers: a baselined finding stays baselined when lines are
// added above it or its instruction is re-indented, and a new finding of the same rule
// elsewhere in the file is still reported.
type Baseline struct {
	Version int `json:"version"`
	// Tool is "infralint", so a baseline file is recognisable on its own.
	Tool string `json:"tool"`
	// Findings are sorted by file, rule and fingerprint, so the file diffs well.
	Findings []BaselineEntry `json:"findings"`

	path  string
	index map[string]bool
}

// BaselineEntry is one accepted finding. Rule, file and message are there for people
// reading the file (and reviewing its diff); only the fingerprint is matched.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Message     string `json:"message"`
}

// NewBaseline records findings.
func NewBaseline(findings []model.Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, Tool: "infralint", Findings: make([]BaselineEntry, 0, len(findings))}
	seen := map[string]bool{}
	for _, f := range findings {
		if f.Fingerprint == "" || seen[f.Fingerprint] {
			continue
		}
		seen[f.Fingerprint] = true
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, Rule: f.RuleID, File: f.File, Message: f.Message})
	}
	slices.SortFunc(b.Findings, func(x, y BaselineEntry) int {
		return cmp.Or(strings.Compare(x.File, y.File), strings.Compare(x.Rule, y.Rule), strings.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteFile writes the baseline to path.
func (b *Baseline) WriteFile(path string) error {
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return ParseBaseline(path, data)
}

// ParseBaseline reads a baseline from data; path names it in errors.
func ParseBaseline(path string, data []byte) (*Baseline, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s: not an infralint baseline: %w", path, err)
	}
	switch {
	case b.Version == 0:
		return nil, fmt.Errorf("baseline %s: no version: not an infralint baseline", path)
	case b.Version > BaselineVersion:
		return nil, fmt.Errorf("baseline %s: version %d is newer than this infralint reads (%d): upgrade infralint", path, b.Version, BaselineVersion)
	}
	b.path = path
	b.index = make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, errors.New("baseline " + path + ": an entry has no fingerprint")
		}
		b.index[e.Fingerprint] = true
	}
	return &b, nil
}

// Files lists the files the baseline has findings in, sorted.
func (b *Baseline) Files() []string {
	var out []string
	for _, e := range b.Findings {
		if len(out) == 0 || out[len(out)-1] != e.File {
			out = append(out, e.File)
		}
	}
	return out
}

// Path is the file the baseline was read from.
func (b *Baseline) Path() string { return b.path }

// Filter splits findings into those not in the baseline and those in it; the latter
// are marked suppressed (kind external).
func (b *Baseline) Filter(findings []model.Finding) (fresh, known []model.Finding) {
	if b == nil {
		return findings, nil
	}
	if b.index == nil {
		b.index = map[string]bool{}
		for _, e := range b.Findings {
			b.index[e.Fingerprint] = true
		}
	}
	for _, f := range findings {
		if !b.index[f.Fingerprint] {
			fresh = append(fresh, f)
			continue
		}
		f.Suppressed = &model.Suppression{Kind: model.SuppressExternal, Justification: "in the baseline " + b.pathOr()}
		known = append(known, f)
	}
	return fresh, known
}

func (b *Baseline) pathOr() string {
	if b.path == "" {
		return "file"
	}
	return b.path
}
