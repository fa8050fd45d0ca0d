package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"strconv"

	"github.com/infralint/infralint/pkg/model"
)

// CodeClimate writes the Code Climate issue list that GitLab's code quality report
// reads (artifacts:reports:codequality): a JSON array of issues with description,
// check_name, fingerprint, severity and location.path / location.lines. GitLab shows
// them in the merge request widget and the diff, and compares merge request and target
// branch by fingerprint, so fingerprints are stable across edits elsewhere in the file
// (they derive from the finding's own fingerprint) and unique within a report.
type CodeClimate struct {
	W io.Writer
}

type ccIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Content     *ccContent `json:"content,omitempty"`
	Categories  []string   `json:"categories"`
	Location    ccLocation `json:"location"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
}

type ccContent struct {
	Body string `json:"body"`
}

type ccLocation struct {
	Path  string  `json:"path"`
	Lines ccLines `json:"lines"`
}

type ccLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// Report writes file errors, then findings, as one JSON array ([] when clean): the
// bytes writeJSON gives for issues(r), written an issue at a time (see JSON.Report).
func (c *CodeClimate) Report(r *Result) error {
	s := newJSONStream(c.W, "[", 1)
	forIssues(r, func(i ccIssue) { s.item(i) })
	return s.end("]")
}

// issues is the whole of what Report writes, as one value: the reference its stream is
// tested against.
func issues(r *Result) []ccIssue {
	out := make([]ccIssue, 0, len(r.Findings)+len(r.Errors))
	forIssues(r, func(i ccIssue) { out = append(out, i) })
	return out
}

// forIssues calls emit with the issue of each file error, then of each finding.
func forIssues(r *Result, emit func(ccIssue)) {
	help := make(map[string]string, len(r.Rules))
	for _, rule := range r.Rules {
		if text, _ := ruleHelp(rule); text != "" {
			help[rule.ID] = text
		}
	}
	seen := map[string]int{}
	// unique makes a fingerprint unique in the report: the second finding with the same
	// one (the same rule on the same node) gets a suffix, deterministically.
	var unique func(parts ...string) string
	unique = func(parts ...string) string {
		h := sha256.New()
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
		fp := hex.EncodeToString(h.Sum(nil))[:32]
		seen[fp]++
		if n := seen[fp]; n > 1 {
			return unique(append(parts, strconv.Itoa(n))...)
		}
		return fp
	}
	for _, e := range r.Errors {
		line := 1
		if e.Range != nil {
			line = clamp(*e.Range).Start.Line
		}
		emit(ccIssue{
			Type: "issue", CheckName: fileErrorSource, Description: e.Message,
			Categories: []string{"Bug Risk"},
			Location:   ccLocation{Path: filepath.ToSlash(e.File), Lines: ccLines{Begin: line, End: line}},
			Severity:   "blocker",
			// A file error has no fingerprint of its own; its message is what identifies it.
			Fingerprint: unique(fingerprintKey, fileErrorSource, e.File, e.Message),
		})
	}
	for _, f := range r.Findings {
		rg := clamp(f.Range)
		anchor := f.Fingerprint
		if anchor == "" {
			anchor = f.Message
		}
		issue := ccIssue{
			Type: "issue", CheckName: f.RuleID, Description: f.Message,
			Categories:  []string{ccCategory(f.Category)},
			Location:    ccLocation{Path: filepath.ToSlash(f.File), Lines: ccLines{Begin: rg.Start.Line, End: rg.End.Line}},
			Severity:    ccSeverity(f.Severity),
			Fingerprint: unique(fingerprintKey, f.RuleID, f.File, anchor),
		}
		if body := help[f.RuleID]; body != "" {
			issue.Content = &ccContent{Body: body}
		}
		emit(issue)
	}
}

// ccSeverity maps onto GitLab's scale: info, minor, major, critical, blocker.
func ccSeverity(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "critical"
	case model.SeverityWarning:
		return "major"
	case model.SeverityInfo, model.SeverityNone:
	}
	return "info"
}

// ccCategory maps a rule's category onto Code Climate's list.
func ccCategory(c string) string {
	switch c {
	case "security":
		return "Security"
	case "efficiency":
		return "Performance"
	case "maintainability":
		return "Clarity"
	case "style":
		return "Style"
	}
	return "Bug Risk" // reliability, and anything a user policy names
}
