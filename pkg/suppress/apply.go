package suppress

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// The built-in rules whose findings this package emits. Their METADATA lives in
// policies/meta/<id>/ like every other rule's, so they are listed, documented,
// configured and reported the same way.
const (
	// RuleUnused: a directive names a rule that reports nothing where it applies.
	RuleUnused = "unused-suppression"
	// RuleNoReason: a directive gives no reason (what `require-reason: true` turns on).
	RuleNoReason = "suppression-without-reason"
)

// MetaRules lists the rules this package emits findings of.
var MetaRules = []string{RuleNoReason, RuleUnused}

// Rules resolves rule names; *rules.Registry implements it.
type Rules interface {
	Lookup(name string) (model.Rule, bool)
	Suggest(name string) string
}

// Options configure Apply.
type Options struct {
	Rules Rules
	// Active reports whether a rule was evaluated for a file: enabled for the run and
	// not turned off for that path. Only such rules can make a directive unused, and
	// the meta rules report only where they are active. nil means every rule is.
	Active func(file, id string) bool
	// NoInline ignores every directive and annotation (--no-inline-ignores).
	NoInline bool
}

// Evaluated is one document and the findings the policies reported about it.
type Evaluated struct {
	Doc      *model.Document
	Findings []model.Finding
}

// Outcome is what Apply decided.
type Outcome struct {
	// Kept are the findings to report, with the meta rules' findings about directives.
	Kept []model.Finding
	// Suppressed are the findings a directive or annotation covers, each with
	// Finding.Suppressed set.
	Suppressed []model.Finding
	// Warnings are directives that name unknown rules or cannot be read. They are
	// for standard error, not for reports.
	Warnings []model.FileError
}

// file is what Apply knows about one source file of the input.
type file struct {
	path   string
	src    *model.Source
	syntax Syntax
}

// resolved is a directive with its names looked up and the lines it covers.
type resolved struct {
	Directive
	file     string
	ids      []string // per name: the rule ID, "" when unknown
	used     []bool   // per name
	from, to int      // covered lines; to < from covers nothing; ScopeFile covers all
	doc      *model.Document
}

func (r *resolved) covers(f *model.Finding, doc *model.Document) bool {
	switch r.Scope {
	case ScopeDocument:
		return r.doc == doc
	case ScopeFile:
		return r.file == f.File
	}
	return r.file == f.File && f.Range.Start.Line >= r.from && f.Range.Start.Line <= r.to
}

// Apply marks the findings of the documents of one input (one file, or the documents
// a file or chart yields) that directives cover, and reports unused and unexplained
// directives. The documents are taken together because a directive in a file serves
// every document read from it.
func Apply(docs []Evaluated, opts Options) Outcome {
	var out Outcome
	if opts.NoInline {
		for _, e := range docs {
			out.Kept = append(out.Kept, e.Findings...)
		}
		return out
	}
	active := opts.Active
	if active == nil {
		active = func(string, string) bool { return true }
	}
	files, order := collectFiles(docs)
	var all []*resolved
	for _, name := range order {
		f := files[name]
		ds, problems := Parse(f.src, f.syntax)
		for _, p := range problems {
			rg := p.Range
			out.Warnings = append(out.Warnings, model.FileError{File: name, Range: &rg, Message: p.Message})
		}
		for _, d := range ds {
			r := &resolved{Directive: d, file: name}
			out.Warnings = append(out.Warnings, resolveNames(r, opts.Rules)...)
			coverage(r, f, docs)
			all = append(all, r)
		}
	}
	for _, e := range docs {
		if d, file, ok := annotation(e.Doc); ok {
			r := &resolved{Directive: d, file: file, doc: e.Doc}
			out.Warnings = append(out.Warnings, resolveNames(r, opts.Rules)...)
			all = append(all, r)
		}
	}

	for _, e := range docs {
		for _, f := range e.Findings {
			var by *resolved
			for _, r := range all {
				if !r.covers(&f, e.Doc) {
					continue
				}
				for i, id := range r.ids {
					if id == f.RuleID {
						r.used[i] = true
						if by == nil {
							by = r
						}
					}
				}
			}
			if by == nil {
				out.Kept = append(out.Kept, f)
				continue
			}
			f.Suppressed = &model.Suppression{Kind: model.SuppressInSource, Justification: by.Reason}
			out.Suppressed = append(out.Suppressed, f)
		}
	}
	out.Kept = append(out.Kept, metaFindings(all, opts.Rules, active)...)
	return out
}

// collectFiles indexes every source file of the documents, in a stable order.
func collectFiles(docs []Evaluated) (map[string]*file, []string) {
	files := map[string]*file{}
	var order []string
	add := func(path string, src *model.Source, kind model.Kind) {
		if src == nil || files[path] != nil {
			return
		}
		files[path] = &file{path: path, src: src, syntax: SyntaxOf(kind)}
		order = append(order, path)
	}
	for _, e := range docs {
		add(e.Doc.Path, e.Doc.Source, e.Doc.Kind)
		for _, p := range sortedKeys(e.Doc.Sources) {
			add(p, e.Doc.Sources[p], e.Doc.Kind)
		}
	}
	return files, order
}

// resolveNames looks each name up; an unknown one is a warning (never for another
// tool's pragma, which names that tool's own codes).
func resolveNames(r *resolved, rules Rules) []model.FileError {
	r.ids = make([]string, len(r.Rules))
	r.used = make([]bool, len(r.Rules))
	var warns []model.FileError
	for i, n := range r.Rules {
		if rules == nil {
			r.ids[i] = n.Name
			continue
		}
		if rule, ok := rules.Lookup(n.Name); ok {
			r.ids[i] = rule.ID
			continue
		}
		if r.Foreign {
			continue
		}
		msg := fmt.Sprintf("suppression names unknown rule %q", n.Name)
		if s := rules.Suggest(n.Name); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		rg := n.Range
		warns = append(warns, model.FileError{File: r.file, Range: &rg, Message: msg})
	}
	return warns
}

// coverage sets the lines a directive covers. A directive on its own line covers the
// node that starts on the next line that is neither blank nor a comment, when a
// document's locator knows the nodes (model.NodeLocator), and that line otherwise.
func coverage(r *resolved, f *file, docs []Evaluated) {
	switch r.Scope {
	case ScopeLine:
		r.from, r.to = r.Line, r.Line
		return
	case ScopeFile, ScopeDocument:
		return
	case ScopeNext:
	}
	r.from, r.to = 0, -1
	target := 0
	for n := r.Line + 1; n <= f.src.LineCount(); n++ {
		t := strings.TrimSpace(f.src.Line(n))
		if t != "" && !strings.HasPrefix(t, "#") {
			target = n
			break
		}
	}
	if target == 0 {
		return
	}
	r.from, r.to = target, target
	for _, e := range docs {
		nl, ok := e.Doc.Locations.(model.NodeLocator)
		if !ok {
			continue
		}
		name := f.path
		if name == e.Doc.Path {
			name = ""
		}
		if rg, ok := nl.NodeStartingAt(name, target); ok && rg.Start.Line == target {
			r.to = max(rg.End.Line, target)
			return
		}
	}
}

// metaFindings reports directives that suppress nothing and directives without a
// reason, where those rules are active.
func metaFindings(all []*resolved, rules Rules, active func(file, id string) bool) []model.Finding {
	var out []model.Finding
	seen := map[string]int{}
	add := func(id, file string, rg model.Range, anchor, msg string) {
		if rules == nil || !active(file, id) {
			return
		}
		rule, ok := rules.Lookup(id)
		if !ok {
			return
		}
		key := id + "\x00" + file + "\x00" + anchor
		n := seen[key]
		seen[key]++
		out = append(out, model.Finding{
			RuleID: rule.ID, Severity: rule.Severity, Category: rule.Category, HelpURI: rule.HelpURI(),
			Message: msg, File: file, Range: rg, Fingerprint: fingerprint(key, n),
		})
	}
	for _, r := range all {
		if r.Foreign {
			continue
		}
		if r.Reason == "" {
			add(RuleNoReason, r.file, r.Range, r.Text, "suppression without a reason: say why after ` -- `")
		}
		for i, id := range r.ids {
			if id == "" || r.used[i] || slices.Contains(MetaRules, id) || !active(r.file, id) {
				continue
			}
			name := r.Rules[i].Name
			if !strings.EqualFold(name, id) {
				name = fmt.Sprintf("%s (%s)", name, id)
			}
			add(RuleUnused, r.file, r.Rules[i].Range, r.Text+"\x00"+id,
				fmt.Sprintf("suppression of %s is unused: the rule reports nothing %s", name, where(r.Scope)))
		}
	}
	slices.SortFunc(out, func(a, b model.Finding) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
			cmp.Compare(a.Range.Start.Column, b.Range.Start.Column), strings.Compare(a.RuleID, b.RuleID))
	})
	return out
}

func where(s Scope) string {
	switch s {
	case ScopeLine:
		return "on this line"
	case ScopeFile:
		return "in this file"
	case ScopeDocument:
		return "about this object"
	case ScopeNext:
	}
	return "in what follows"
}

// fingerprint has the engine's shape (128 bits of SHA-256, hex) and, like the engine's,
// depends on the rule, the file and the directive's text, never on line numbers.
func fingerprint(key string, occurrence int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, occurrence))
	return hex.EncodeToString(sum[:16])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
