package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// GitHub writes GitHub Actions workflow commands (`::error file=…,line=…::message`): on a
// runner, each becomes an annotation on the pull request's diff, with no code scanning
// needed. Findings map to error, warning and notice by severity; files that could not be
// read or parsed are errors. Suppressed findings are never annotated.
//
// Paths are as infralint printed them, relative to where it ran: run it from the
// repository root (GITHUB_WORKSPACE) so the annotations land on the right files.
// GitHub shows at most 10 annotations of each level per step and 50 per job; the rest
// are still in the log.
type GitHub struct {
	W io.Writer
}

// Report writes one workflow command per finding and per file error.
func (g *GitHub) Report(r *Result) error {
	titles := make(map[string]string, len(r.Rules))
	for _, rule := range r.Rules {
		titles[rule.ID] = rule.Title
	}
	var b strings.Builder
	for _, e := range r.Errors {
		props := []string{"file=" + escapeProperty(filepath.ToSlash(e.File))}
		if e.Range != nil {
			props = append(props, rangeProperties(*e.Range)...)
		}
		props = append(props, "title="+escapeProperty("infralint: file could not be read or parsed"))
		writeCommand(&b, "error", props, e.Message)
	}
	for _, f := range r.Findings {
		title := f.RuleID
		if t := titles[f.RuleID]; t != "" {
			title += ": " + t
		}
		props := append([]string{"file=" + escapeProperty(filepath.ToSlash(f.File))}, rangeProperties(f.Range)...)
		props = append(props, "title="+escapeProperty(title))
		msg := f.Message
		if f.Context != "" {
			msg += " (" + f.Context + ")"
		}
		if f.HelpURI != "" {
			msg += "\n" + f.HelpURI
		}
		writeCommand(&b, githubLevel(f.Severity), props, msg)
	}
	_, err := io.WriteString(g.W, b.String())
	return err
}

// rangeProperties are a range's line, col, endLine and endColumn. GitHub takes col and
// endColumn only for a range on one line, so they are left out of one that spans lines.
// endColumn is the last column of the range (GitHub's columns are inclusive; ours end
// just after).
func rangeProperties(rg model.Range) []string {
	c := clamp(rg)
	props := []string{fmt.Sprintf("line=%d", c.Start.Line), fmt.Sprintf("endLine=%d", c.End.Line)}
	if c.Start.Line == c.End.Line {
		props = append(props, fmt.Sprintf("col=%d", c.Start.Column), fmt.Sprintf("endColumn=%d", max(c.End.Column-1, c.Start.Column)))
	}
	return props
}

func writeCommand(b *strings.Builder, level string, props []string, msg string) {
	b.WriteString("::")
	b.WriteString(level)
	b.WriteByte(' ')
	b.WriteString(strings.Join(props, ","))
	b.WriteString("::")
	b.WriteString(escapeData(msg))
	b.WriteByte('\n')
}

func githubLevel(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "error"
	case model.SeverityWarning:
		return "warning"
	case model.SeverityInfo, model.SeverityNone:
	}
	return "notice"
}

// escapeData escapes a command's message as the Actions runner unescapes it
// (actions/toolkit, command.ts): '%', CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value: also ':' and ',', which separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
