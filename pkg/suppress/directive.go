// Package suppress is the filter stage's inline half and its baseline: it reads
// suppression directives from the linted files (`# infralint ignore=ID -- reason`,
// hadolint's pragmas, the infralint.io/ignore annotation), marks the findings they
// cover, reports directives that are unused or unexplained as findings of built-in
// rules, and matches findings against a baseline file by fingerprint.
package suppress

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/infralint/infralint/pkg/model"
)

// Scope is what a directive covers.
type Scope int

const (
	// ScopeNext is a directive on a line of its own: it covers the node (instruction,
	// YAML entry) that starts on the next line that is neither blank nor a comment.
	ScopeNext Scope = iota
	// ScopeLine is a trailing comment on a YAML line: it covers that line.
	ScopeLine
	// ScopeFile is ignore-file (hadolint: global ignore): it covers the whole file.
	ScopeFile
	// ScopeDocument is a Kubernetes object's infralint.io/ignore annotation: it covers
	// every finding about the object.
	ScopeDocument
)

func (s Scope) String() string {
	switch s {
	case ScopeNext:
		return "next"
	case ScopeLine:
		return "line"
	case ScopeFile:
		return "file"
	case ScopeDocument:
		return "document"
	}
	return "unknown"
}

// Directive is one suppression comment or annotation.
type Directive struct {
	Line  int
	Range model.Range // the comment, from its '#'
	Scope Scope
	// Rules are the names as written (IDs or aliases), with the range of each.
	Rules []Name
	// Reason is the text after " -- ", trimmed; "" when there is none.
	Reason string
	// Foreign marks another tool's pragma (hadolint): it is honoured, but never reported
	// as unknown, unused or unexplained, since that tool may still read it.
	Foreign bool
	// Text is the directive as written, whitespace collapsed: the basis of the
	// fingerprints of findings about it.
	Text string
}

// Name is a rule name in a directive.
type Name struct {
	Name  string
	Range model.Range
}

// Problem is a comment that looks like a directive but cannot be read.
type Problem struct {
	Range   model.Range
	Message string
}

// Syntax says how comments are written in a file.
type Syntax int

const (
	// Dockerfile comments are whole lines starting with '#'.
	Dockerfile Syntax = iota
	// YAML comments are whole lines or the end of a line after " #".
	YAML
)

// SyntaxOf is the comment syntax of a document kind's files.
func SyntaxOf(k model.Kind) Syntax {
	if k == model.KindDockerfile {
		return Dockerfile
	}
	return YAML
}

// Parse reads every directive of a file. Comments that mention infralint without being
// a directive ("# infralint lints this file") are ignored; comments that start like one
// but cannot be read are problems.
func Parse(src *model.Source, syntax Syntax) ([]Directive, []Problem) {
	if src == nil || !bytes.Contains(src.Text, []byte("infralint")) && !bytes.Contains(src.Text, []byte("hadolint")) {
		return nil, nil // most files are skipped here
	}
	var ds []Directive
	var ps []Problem
	for n := 1; n <= src.LineCount(); n++ {
		line := src.Line(n)
		if !strings.Contains(line, "lint") {
			continue
		}
		at, ownLine := commentStart(line, syntax)
		if at < 0 {
			continue
		}
		d, p, ok := parseComment(line, at, n)
		if p != nil {
			ps = append(ps, *p)
		}
		if !ok {
			continue
		}
		if !ownLine && d.Scope == ScopeNext {
			d.Scope = ScopeLine
		}
		ds = append(ds, d)
	}
	return ds, ps
}

// commentStart returns the byte offset of the '#' that opens the line's comment, and
// whether the comment is the whole line; -1 when the line has none.
func commentStart(line string, syntax Syntax) (int, bool) {
	trimmed := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(trimmed, "#") {
		return len(line) - len(trimmed), true
	}
	if syntax != YAML {
		return -1, false // a '#' inside a Dockerfile instruction is not a comment
	}
	// A YAML comment starts at a '#' after whitespace, outside quotes.
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' || strings.IndexByte("[{,:-", line[i-1]) >= 0 {
				quote = c
			}
		case c == '#' && i > 0 && (line[i-1] == ' ' || line[i-1] == '\t'):
			return i, false
		}
	}
	return -1, false
}

// parseComment reads the comment that starts at byte at of line n. ok is false when it
// is no directive; a problem is returned for one that cannot be read.
func parseComment(line string, at, n int) (d Directive, p *Problem, ok bool) {
	col := func(byteOff int) int { return utf8.RuneCountInString(line[:byteOff]) + 1 }
	whole := model.Range{Start: model.Position{Line: n, Column: col(at)}, End: model.Position{Line: n, Column: col(len(line))}}
	body := line[at+1:]
	off := at + 1 + len(body) - len(strings.TrimLeft(body, " \t"))
	body = line[off:]
	problem := func(msg string) *Problem { return &Problem{Range: whole, Message: msg} }

	var tool string
	switch {
	case hasWord(body, "infralint"):
		tool = "infralint"
	case hasWord(body, "hadolint"):
		tool = "hadolint"
	default:
		return d, nil, false
	}
	rest := body[len(tool):]
	off += len(tool) + len(rest) - len(strings.TrimLeft(rest, " \t"))
	rest = line[off:]

	d = Directive{Line: n, Range: whole, Text: strings.Join(strings.Fields(line[at:]), " ")}
	var verbs []struct {
		word  string
		scope Scope
	}
	if tool == "infralint" {
		verbs = []struct {
			word  string
			scope Scope
		}{{"ignore-file", ScopeFile}, {"ignore", ScopeNext}}
	} else {
		d.Foreign = true
		verbs = []struct {
			word  string
			scope Scope
		}{{"global ignore", ScopeFile}, {"ignore", ScopeNext}}
	}
	matched := false
	for _, v := range verbs {
		after, found := strings.CutPrefix(rest, v.word)
		if !found {
			continue
		}
		eq := strings.TrimLeft(after, " \t")
		if !strings.HasPrefix(eq, "=") {
			continue
		}
		off += len(rest) - len(eq) + 1
		d.Scope = v.scope
		matched = true
		break
	}
	if !matched {
		if tool == "hadolint" {
			return d, nil, false // shell= and other pragmas of hadolint's own
		}
		first, _, _ := strings.Cut(rest, " ")
		if strings.Contains(first, "=") || strings.HasPrefix(first, "ignore") || strings.HasPrefix(first, "disable") {
			return d, problem("cannot read this suppression: write `# infralint ignore=RULE[,RULE] -- reason` or `# infralint ignore-file=RULE`"), false
		}
		return d, nil, false // a comment that mentions infralint
	}

	// The rule list: names separated by commas, spaces allowed around them.
	i := off
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		j := i
		for j < len(line) && isNameByte(line[j]) && !strings.HasPrefix(line[j:], "--") {
			j++
		}
		if j == i {
			break
		}
		d.Rules = append(d.Rules, Name{Name: line[i:j], Range: model.Range{
			Start: model.Position{Line: n, Column: col(i)}, End: model.Position{Line: n, Column: col(j)},
		}})
		k := j
		for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
			k++
		}
		if k < len(line) && line[k] == ',' {
			i = k + 1
			continue
		}
		i = j
		break
	}
	tail := strings.TrimSpace(line[i:])
	if d.Foreign {
		// hadolint reads only the list; whatever follows is for people.
		d.Reason = strings.TrimSpace(strings.TrimPrefix(tail, "--"))
		return d, nil, len(d.Rules) > 0
	}
	if len(d.Rules) == 0 {
		return d, problem("suppression names no rule: write `# infralint ignore=RULE[,RULE] -- reason`"), false
	}
	switch {
	case tail == "":
	case strings.HasPrefix(tail, "--"):
		d.Reason = strings.TrimSpace(tail[2:])
	default:
		return d, problem("unexpected text after the rule names: separate a reason with ` -- `"), false
	}
	return d, nil, true
}

// hasWord reports whether s starts with word followed by a space or a tab.
func hasWord(s, word string) bool {
	return strings.HasPrefix(s, word) && len(s) > len(word) && (s[len(word)] == ' ' || s[len(word)] == '\t')
}

// isNameByte is a byte of a rule ID or alias: letters, digits and the punctuation
// other tools' codes use (DS-0001, CKV_DOCKER_4, SC2086).
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}
