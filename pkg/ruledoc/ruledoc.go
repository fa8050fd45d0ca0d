// Package ruledoc renders a rule's documentation page from its METADATA and its
// fixtures. The same text is docs/rules/<id>.md, `infralint explain <id>` and the rules
// table of the README, so none of them can drift from the rule.
package ruledoc

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// wantLine matches the fixture expectation comments, which are test plumbing and are
// left out of the examples.
// trailingWant is a want comment at the end of a YAML fixture line.
var trailingWant = regexp.MustCompile(`\s+#\s*want:\s*[A-Za-z0-9_-]+(?:\s+"(?:[^"\\]|\\.)*")?\s*$`)

var wantLine = regexp.MustCompile(`^\s*#\s*want:`)

// Examples reads a rule's bad and good fixtures from fsys (the embedded policies).
func Examples(fsys fs.FS, r model.Rule) (bad, good []string) {
	entries, err := fs.ReadDir(fsys, path.Join(r.Dir, "testdata"))
	if err != nil {
		return nil, nil
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".dockerignore") {
			continue // a fixture's build context, shown by the rule's description
		}
		data, err := fs.ReadFile(fsys, path.Join(r.Dir, "testdata", e.Name()))
		if err != nil {
			continue
		}
		var kept []string
		for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
			if !wantLine.MatchString(line) {
				// A YAML fixture's want comment may trail the line it is about.
				kept = append(kept, trailingWant.ReplaceAllString(line, ""))
			}
		}
		text := strings.Join(kept, "\n")
		switch {
		case strings.HasPrefix(e.Name(), "bad"):
			bad = append(bad, text)
		case strings.HasPrefix(e.Name(), "good"):
			good = append(good, text)
		}
	}
	return bad, good
}

// Page renders the Markdown page of a rule.
func Page(r model.Rule, bad, good []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	fmt.Fprintf(&b, "**%s**\n\n", r.Title)
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Target | %s |\n", r.Target)
	fmt.Fprintf(&b, "| Severity | %s |\n", r.Severity)
	fmt.Fprintf(&b, "| Category | %s |\n", r.Category)
	fmt.Fprintf(&b, "| Enabled by default | %s |\n", yesNo(r.Enabled))
	if len(r.Aliases) > 0 {
		fmt.Fprintf(&b, "| Aliases | %s |\n", "`"+strings.Join(r.Aliases, "`, `")+"`")
	}
	b.WriteString("\n")
	b.WriteString(r.Description)
	b.WriteString("\n")
	if len(r.Options) > 0 {
		b.WriteString("\n## Options\n\n| Option | Type | Default | Description |\n|---|---|---|---|\n")
		for _, o := range r.Options {
			fmt.Fprintf(&b, "| `%s` | %s | `%s` | %s |\n", o.Name, o.Type, compact(o.Default), o.Description)
		}
	}
	lang := fenceLang(r.Target)
	for i, ex := range bad {
		fmt.Fprintf(&b, "\n## %s\n\n```%s\n%s\n```\n", numbered("Bad example", i, len(bad)), lang, ex)
	}
	for i, ex := range good {
		fmt.Fprintf(&b, "\n## %s\n\n```%s\n%s\n```\n", numbered("Good example", i, len(good)), lang, ex)
	}
	writeSuppressing(&b, r)
	if len(r.References) > 0 {
		b.WriteString("\n## References\n\n")
		for _, ref := range r.References {
			if ref.Description != "" {
				fmt.Fprintf(&b, "- [%s](%s)\n", ref.Description, ref.URL)
			} else {
				fmt.Fprintf(&b, "- <%s>\n", ref.URL)
			}
		}
	}
	return b.String()
}

// Index renders docs/rules/README.md: every rule in one table per target.
func Index(rs []model.Rule) string {
	var b strings.Builder
	b.WriteString("# Rules\n\nGenerated from each rule's METADATA by `go generate ./...`; do not edit.\n")
	b.WriteString(Table(rs, ""))
	return b.String()
}

// Table renders the rules table; link is the path prefix of the rule pages.
func Table(rs []model.Rule, link string) string {
	var b strings.Builder
	byTarget := map[model.Kind][]model.Rule{}
	var targets []model.Kind
	for _, r := range rs {
		if _, ok := byTarget[r.Target]; !ok {
			targets = append(targets, r.Target)
		}
		byTarget[r.Target] = append(byTarget[r.Target], r)
	}
	slices.Sort(targets)
	for _, t := range targets {
		fmt.Fprintf(&b, "\n## %s (%d rules)\n\n| Rule | Severity | Category | On | Title | Aliases |\n|---|---|---|---|---|---|\n", title(string(t)), len(byTarget[t]))
		for _, r := range byTarget[t] {
			fmt.Fprintf(&b, "| [%s](%s%s.md) | %s | %s | %s | %s | %s |\n",
				r.ID, link, r.ID, r.Severity, r.Category, yesNo(r.Enabled), r.Title, strings.Join(r.Aliases, ", "))
		}
	}
	return b.String()
}

func numbered(s string, i, n int) string {
	if n == 1 {
		return s
	}
	return fmt.Sprintf("%s %d", s, i+1)
}

func fenceLang(k model.Kind) string {
	// Meta rules judge suppression comments; their fixtures are Dockerfiles.
	if k == model.KindDockerfile || k == model.KindMeta {
		return "dockerfile"
	}
	return "yaml"
}

// writeSuppressing says how to turn the rule off (or, for a meta rule, which is off by
// default, on), in the configuration file and inline; docs/configuration.md has the rest.
func writeSuppressing(b *strings.Builder, r model.Rule) {
	if r.Target == model.KindMeta {
		b.WriteString("\n## Turning it on\n\n")
		fmt.Fprintf(b, "This rule judges suppression comments and is off by default. Turn it on for a run with\n"+
			"`--enable %[1]s`, or in `.infralint.yaml`:\n\n```yaml\nrules:\n  %[1]s: warning\n```\n\n"+
			"See [configuration](../configuration.md#inline-suppressions).\n", r.ID)
		return
	}
	b.WriteString("\n## Suppressing\n\n")
	fmt.Fprintf(b, "Turn the rule off for a run with `--disable %[1]s`, or for good in `.infralint.yaml`\n"+
		"(`rules: {%[1]s: off}`, or under `overrides:` for some paths only). To accept one finding,\n"+
		"put a comment on the line above it that says why:\n\n```%[2]s\n# infralint ignore=%[1]s -- the reason\n```\n\n"+
		"See [configuration](../configuration.md#inline-suppressions) for file-wide suppressions and baselines.\n",
		r.ID, fenceLang(r.Target))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func compact(v any) string {
	s := fmt.Sprintf("%v", v)
	if v == nil {
		return "null"
	}
	if arr, ok := v.([]any); ok {
		parts := make([]string, len(arr))
		for i, x := range arr {
			parts[i] = fmt.Sprintf("%v", x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return s
}

// README markers: the rules table between them is generated.
const (
	ReadmeBegin = "<!-- rules:begin (generated by go generate ./...; do not edit) -->"
	ReadmeEnd   = "<!-- rules:end -->"
)

// Files returns every generated documentation file, keyed by its path relative to the
// repository root: one page per built-in rule and the index.
func Files(fsys fs.FS, rs []model.Rule) map[string]string {
	out := map[string]string{}
	var builtin []model.Rule
	for _, r := range rs {
		if r.Source != "builtin" {
			continue
		}
		builtin = append(builtin, r)
		bad, good := Examples(fsys, r)
		out[path.Join("docs", "rules", r.ID+".md")] = Page(r, bad, good)
	}
	out[path.Join("docs", "rules", "README.md")] = Index(builtin) + notCovered(fsys, builtin)
	return out
}

// notCovered appends, for each target, the hand-written policies/<target>/not-covered.md:
// what the peers check that infralint does not, and why. It is kept beside the rules it
// complements and copied into the generated index.
func notCovered(fsys fs.FS, rs []model.Rule) string {
	var targets []string
	for _, r := range rs {
		if !slices.Contains(targets, string(r.Target)) {
			targets = append(targets, string(r.Target))
		}
	}
	slices.Sort(targets)
	var b strings.Builder
	for _, t := range targets {
		data, err := fs.ReadFile(fsys, path.Join(t, "not-covered.md"))
		if err != nil {
			continue
		}
		b.WriteByte('\n')
		b.Write(data)
	}
	return b.String()
}

// SpliceReadme replaces the generated rules table inside readme.
func SpliceReadme(readme string, rs []model.Rule) (string, error) {
	i := strings.Index(readme, ReadmeBegin)
	j := strings.Index(readme, ReadmeEnd)
	if i < 0 || j < i {
		return "", fmt.Errorf("README.md has no %q … %q markers", ReadmeBegin, ReadmeEnd)
	}
	var builtin []model.Rule
	for _, r := range rs {
		if r.Source == "builtin" {
			builtin = append(builtin, r)
		}
	}
	table := Table(builtin, "docs/rules/")
	table = strings.ReplaceAll(table, "\n## ", "\n### ")
	return readme[:i+len(ReadmeBegin)] + "\n" + table + "\n" + readme[j:], nil
}
