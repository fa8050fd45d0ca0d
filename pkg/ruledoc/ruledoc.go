// Package ruledoc renders a rule's documentation page from its METADATA and its
// fixtures. The same text is docs/rules/<id>.md, `infralint explain <id>` and the rules
// table of the README, so none of them can drift from the rule.
package ruledoc

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/infralint/infralint/pkg/model"
)

// trailingWant is a want comment at the end of a YAML fixture line.
var trailingWant = regexp.MustCompile(`\s+#\s*want:\s*[A-Za-z0-9_-]+(?:\s+"(?:[^"\\]|\\.)*")?\s*$`)

// wantLine matches the fixture expectation comments, which are test plumbing and are
// left out of the examples.
var wantLine = regexp.MustCompile(`^\s*#\s*want:`)

// Example is one fixture as a rule's page shows it: a single file, or the files of a
// fixture directory (a chart) that matter for the rule.
type Example struct {
	// Files are the files shown. A single-file fixture has one, without a name.
	Files []ExampleFile
	// All names every file of a fixture directory, shown or not, so that the reader
	// sees what the chart holds (and what it lacks); nil for a single file.
	All []string
}

// ExampleFile is a file of an example, with the fixture's want comments left out.
type ExampleFile struct {
	Name string // the path inside the fixture directory; "" for a single-file fixture
	Text string
}

// fixture is a fixture as read: its files, by path inside the fixture directory ("" for
// a single-file fixture), with want comments removed, and which of them had one.
type fixture struct {
	dir    bool
	text   map[string]string
	marked map[string]bool
	names  []string // sorted
}

// Examples reads a rule's bad and good fixtures from fsys (the embedded policies): the
// files testdata/bad* and testdata/good*, and the directories of those names (a chart
// fixture). Of a directory, an example shows Chart.yaml, the files whose want comments
// say the rule fires there, and the files that differ between the bad and the good
// fixtures (such as the values.schema.json only the good chart has).
func Examples(fsys fs.FS, r model.Rule) (bad, good []Example) {
	entries, err := fs.ReadDir(fsys, path.Join(r.Dir, "testdata"))
	if err != nil {
		return nil, nil
	}
	var bads, goods []*fixture
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".dockerignore") {
			continue // a fixture's build context, shown by the rule's description
		}
		var list *[]*fixture
		switch {
		case strings.HasPrefix(e.Name(), "bad"):
			list = &bads
		case strings.HasPrefix(e.Name(), "good"):
			list = &goods
		default:
			continue
		}
		if fx := readFixture(fsys, path.Join(r.Dir, "testdata", e.Name()), e.IsDir()); fx != nil {
			*list = append(*list, fx)
		}
	}
	for _, fx := range bads {
		bad = append(bad, fx.example(goods))
	}
	for _, fx := range goods {
		good = append(good, fx.example(bads))
	}
	return bad, good
}

// readFixture reads a fixture file or directory; nil when there is nothing to show.
func readFixture(fsys fs.FS, p string, dir bool) *fixture {
	fx := &fixture{dir: dir, text: map[string]string{}, marked: map[string]bool{}}
	add := func(name string, data []byte) {
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			return // a packaged subchart: listed, not shown
		}
		var kept []string
		for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
			if wantLine.MatchString(line) {
				fx.marked[name] = true
				continue
			}
			// A YAML fixture's want comment may trail the line it is about.
			if trailingWant.MatchString(line) {
				fx.marked[name] = true
				line = trailingWant.ReplaceAllString(line, "")
			}
			kept = append(kept, line)
		}
		fx.text[name] = strings.Join(kept, "\n")
	}
	if !dir {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		add("", data)
		fx.names = []string{""}
		return fx
	}
	err := fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(q, p+"/")
		fx.names = append(fx.names, name)
		data, err := fs.ReadFile(fsys, q)
		if err != nil {
			return err
		}
		add(name, data)
		return nil
	})
	if err != nil || len(fx.names) == 0 {
		return nil
	}
	slices.Sort(fx.names)
	return fx
}

// example is the fixture as its page shows it, against the fixtures of the other kind
// (the good ones for a bad fixture, and the other way round).
func (fx *fixture) example(others []*fixture) Example {
	if !fx.dir {
		return Example{Files: []ExampleFile{{Text: fx.text[""]}}}
	}
	// The same file, the same text, in one of the others: it is not what differs.
	shared := func(name string) bool {
		for _, o := range others {
			if t, ok := o.text[name]; ok && o.dir && t == fx.text[name] {
				return true
			}
		}
		return false
	}
	markedElsewhere := func(name string) bool {
		return slices.ContainsFunc(others, func(o *fixture) bool { return o.marked[name] })
	}
	ex := Example{All: fx.names}
	for _, name := range fx.names {
		text, ok := fx.text[name]
		if !ok {
			continue
		}
		if name == "Chart.yaml" || fx.marked[name] || markedElsewhere(name) || !shared(name) {
			ex.Files = append(ex.Files, ExampleFile{Name: name, Text: text})
		}
	}
	return ex
}

// Page renders the Markdown page of a rule.
func Page(r model.Rule, bad, good []Example) string {
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
	for i, ex := range bad {
		writeExample(&b, numbered("Bad example", i, len(bad)), r.Target, ex)
	}
	for i, ex := range good {
		writeExample(&b, numbered("Good example", i, len(good)), r.Target, ex)
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

// writeExample writes one example under its heading: a single file in one block; a
// chart as the list of its files and a block for each file that matters.
func writeExample(b *strings.Builder, heading string, target model.Kind, ex Example) {
	fmt.Fprintf(b, "\n## %s\n", heading)
	if ex.All == nil {
		for _, f := range ex.Files {
			fmt.Fprintf(b, "\n```%s\n%s\n```\n", fenceLang(target), f.Text)
		}
		return
	}
	what := "A chart"
	if !slices.Contains(ex.All, "Chart.yaml") {
		what = "A directory"
	}
	fmt.Fprintf(b, "\n%s of %d files: `%s`.", what, len(ex.All), strings.Join(ex.All, "`, `"))
	if len(ex.Files) < len(ex.All) {
		b.WriteString(" The ones that matter for this rule:")
	}
	b.WriteString("\n")
	for _, f := range ex.Files {
		fmt.Fprintf(b, "\n`%s`\n\n```%s\n%s\n```\n", f.Name, fileLang(f.Name), f.Text)
	}
}

// fileLang is the fence language of a file of a fixture directory.
func fileLang(name string) string {
	switch path.Ext(name) {
	case ".json":
		return "json"
	case ".yaml", ".yml", ".tpl", ".lock":
		return "yaml"
	case "":
		if strings.HasSuffix(name, "Dockerfile") {
			return "dockerfile"
		}
	}
	return "text"
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
