package config

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/internal/textdist"
	"github.com/infralint/infralint/pkg/model"
)

// maxFileSize bounds a configuration file: a real one is a few hundred bytes.
const maxFileSize = 1 << 20

// Parse reads a configuration file's text; path names it in errors and its directory
// is what relative paths in it are resolved against. When the file has errors, the
// configuration that could be read is returned with them (nil for a file that is not
// YAML at all).
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Version: 1, Path: path, Dir: filepath.Dir(path)}
	d := &decoder{file: path}
	if len(data) > maxFileSize {
		return nil, &Error{File: path, Msg: "larger than 1 MiB: not a configuration file"}
	}
	data = model.YAMLText(data) // lines as YAML counts them, for the lines of errors
	d.src = model.NewSource(data)
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return c, nil // an empty file is the default configuration
		}
		return nil, d.yamlError(err, d.src.LineCount())
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	d.value(root, reflect.ValueOf(c).Elem(), "")
	if c.Version != 1 {
		d.fail(root, "version %d is not known to this infralint: only version 1 exists", c.Version)
	}
	if c.FailOn != "" {
		if _, err := model.ParseSeverity(c.FailOn); err != nil {
			d.fail(d.at["fail-on"], "fail-on: %v", err)
		}
	}
	for i, o := range c.Overrides {
		if len(o.Paths) == 0 {
			d.failAt(o.pos, "overrides[%d] has no paths: say which files it applies to", i)
		}
		for name, r := range o.Rules {
			if r.options {
				d.failAt(r.pos, "rule %s: options cannot vary by path; set them under the top-level rules", name)
			}
		}
	}
	c.resolve()
	if len(d.errs) > 0 {
		// What could be read is returned too, so `config validate` can go on to check
		// the rule names and report every problem at once.
		return c, joinByLine(d.errs)
	}
	return c, nil
}

// joinByLine joins errors in the order of their lines.
func joinByLine(errs []error) error {
	slices.SortStableFunc(errs, func(a, b error) int {
		var ea, eb *Error
		la, lb := 0, 0
		if errors.As(a, &ea) {
			la = ea.Line
		}
		if errors.As(b, &eb) {
			lb = eb.Line
		}
		return la - lb
	})
	return errors.Join(errs...)
}

// decoder walks the YAML node tree into the Go types, so every error can name its line
// and an unknown key can say which one was meant.
type decoder struct {
	file string
	src  *model.Source // the text, for the places of errors
	errs []error
	at   map[string]*yaml.Node // top-level keys' value nodes, for later checks
}

// posOf is where n is written. yaml.v3 places an empty node that the text ends with
// (a `?` with no key) on the line after the last: it is placed at the end of the text.
func (d *decoder) posOf(n *yaml.Node) pos {
	p := pos{n.Line, n.Column}
	if last := max(d.src.LineCount(), 1); p.line > last {
		p = pos{last, d.src.LineEnd(last)}
	}
	p.column = max(min(p.column, d.src.LineEnd(p.line)), 1)
	return p
}

func (d *decoder) fail(n *yaml.Node, format string, args ...any) {
	if n == nil {
		d.errs = append(d.errs, &Error{File: d.file, Msg: fmt.Sprintf(format, args...)})
		return
	}
	d.failAt(d.posOf(n), format, args...)
}

func (d *decoder) failAt(p pos, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Line: p.line, Column: p.column, Msg: fmt.Sprintf(format, args...)})
}

// yamlError turns a syntax error ("yaml: line 3: mapping values are not allowed in
// this context") into an Error with the line.
func (d *decoder) yamlError(err error, lines int) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, rest, _ := strings.Cut(msg, ": ")
		line = min(line, max(lines, 1)) // the end of the text: its last line
		return &Error{File: d.file, Line: line, Column: 1, Msg: "not valid YAML: " + rest}
	}
	return &Error{File: d.file, Msg: "not valid YAML: " + msg}
}

var rulesType = reflect.TypeFor[Rules]()

// value decodes n into v, which is addressable. where is the key path for messages.
func (d *decoder) value(n *yaml.Node, v reflect.Value, where string) {
	if n.Kind == yaml.AliasNode {
		d.fail(n, "%s: aliases are not allowed in a configuration file", where)
		return
	}
	switch {
	case v.Type() == rulesType:
		d.rules(n, v, where)
		return
	case v.Kind() == reflect.Struct:
		d.object(n, v, where)
		return
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, "%s must be a list", where)
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", where, i))
			if o, ok := s.Index(i).Addr().Interface().(*Override); ok {
				o.pos = d.posOf(item)
			}
		}
		v.Set(s)
		return
	}
	if err := n.Decode(v.Addr().Interface()); err != nil {
		d.fail(n, "%s: %s", where, typeMessage(err, v.Type()))
	}
}

// typeMessage rewrites yaml.v3's type errors ("cannot unmarshal !!seq into string") in
// the words of the file.
func typeMessage(err error, t reflect.Type) string {
	if !strings.Contains(err.Error(), "cannot unmarshal") {
		return err.Error()
	}
	return "want " + describe(t)
}

func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "a whole number"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(strings.TrimPrefix(describe(t.Elem()), "a "), "an ") + "s"
	case reflect.Map:
		return "a mapping of names to " + strings.TrimPrefix(describe(t.Elem()), "a ")
	}
	return t.String()
}

// object decodes a mapping into a struct through its yaml tags.
func (d *decoder) object(n *yaml.Node, v reflect.Value, where string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, "%s must be a mapping of keys to values", orTop(where))
		return
	}
	fields := map[string]int{}
	var names []string
	for i := range v.NumField() {
		tag := v.Type().Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = i
		names = append(names, tag)
	}
	top := where == ""
	if top {
		d.at = map[string]*yaml.Node{}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			d.fail(k, "%s is set twice (first on line %d)", join(where, k.Value), line)
			continue
		}
		seen[k.Value] = k.Line
		idx, ok := fields[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if where != "" {
				msg = fmt.Sprintf("unknown key %q in %s", k.Value, where)
			}
			if s := closest(k.Value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			} else {
				msg += " (known: " + strings.Join(names, ", ") + ")"
			}
			d.fail(k, "%s", msg)
			continue
		}
		if top {
			d.at[k.Value] = val
		}
		d.value(val, v.Field(idx), join(where, k.Value))
	}
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

func orTop(where string) string {
	if where == "" {
		return "the configuration"
	}
	return where
}

// rules decodes `rules:`: rule names to off, on, a severity or {severity, enabled,
// options}. Names are checked against the registry later, by Check.
func (d *decoder) rules(n *yaml.Node, v reflect.Value, where string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, "%s must map rule IDs to off, on, a severity or {severity, enabled, options}", where)
		return
	}
	out := Rules{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if prev, dup := out[k.Value]; dup {
			d.fail(k, "rule %s is set twice (first on line %d)", k.Value, prev.pos.line)
			continue
		}
		r := &Rule{pos: d.posOf(k)}
		out[k.Value] = r
		d.rule(val, r, k.Value)
	}
	v.Set(reflect.ValueOf(out))
}

func (d *decoder) rule(n *yaml.Node, r *Rule, name string) {
	const want = "off, on, error, warning, info, or {severity, enabled, options}"
	switch n.Kind {
	case yaml.ScalarNode:
		switch v := strings.ToLower(n.Value); v {
		case "off", "false":
			off := false
			r.Enabled = &off
		case "on", "true":
			on := true
			r.Enabled = &on
		default:
			sev, err := model.ParseSeverity(v)
			if err != nil || sev == model.SeverityNone {
				d.fail(n, "rule %s: %q is not one of %s", name, n.Value, want)
				return
			}
			r.Severity = sev
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "severity":
				sev, err := model.ParseSeverity(val.Value)
				if val.Kind != yaml.ScalarNode || err != nil || sev == model.SeverityNone {
					d.fail(val, "rule %s: severity must be error, warning or info", name)
					continue
				}
				r.Severity = sev
			case "enabled":
				var b bool
				if err := val.Decode(&b); err != nil {
					d.fail(val, "rule %s: enabled must be true or false", name)
					continue
				}
				r.Enabled = &b
			case "options":
				r.options = true
				if val.Kind != yaml.MappingNode {
					if val.Tag != "!!null" {
						d.fail(val, "rule %s: options must map option names to values", name)
					}
					continue
				}
				r.Options, r.optPos = map[string]any{}, map[string]pos{}
				for j := 0; j+1 < len(val.Content); j += 2 {
					ok, ov := val.Content[j], val.Content[j+1]
					var x any
					if err := ov.Decode(&x); err != nil {
						d.fail(ov, "rule %s: option %s: %v", name, ok.Value, err)
						continue
					}
					r.Options[ok.Value] = x
					r.optPos[ok.Value] = d.posOf(ok)
				}
			default:
				msg := fmt.Sprintf("rule %s: unknown key %q", name, k.Value)
				if s := closest(k.Value, []string{"severity", "enabled", "options"}); s != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
				} else {
					msg += " (known: severity, enabled, options)"
				}
				d.fail(k, "%s", msg)
			}
		}
	default:
		d.fail(n, "rule %s: want %s", name, want)
	}
}

// closest returns the candidate nearest to name, if it is near enough to be a typo.
func closest(name string, candidates []string) string {
	best, bestDist := "", max(2, len(name)/3)+1
	for _, c := range candidates {
		if d := textdist.Levenshtein(strings.ToLower(name), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
