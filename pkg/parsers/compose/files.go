package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	yaml4 "go.yaml.in/yaml/v4"
	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// Roles of source files.
const (
	roleBase     = "base"
	roleOverride = "override"
	roleInclude  = "include"
	roleExtends  = "extends"
	roleEnv      = "env"
)

// maxFileSize bounds every file a project reads (as pkg/lint bounds the main file).
const maxFileSize = 4 << 20

// srcFile is one file of the project.
type srcFile struct {
	abs     string // absolute and clean
	display string // as findings show it
	role    string
	src     *model.Source
	doc     *yaml.Node // the document's top-level mapping; nil for env files
	idx     *yamlpos.Index
	// dir is the directory the file's relative references (extends.file, include)
	// resolve against, as Compose resolves them.
	dir string
	// env is the interpolation environment of the file's project (an included project
	// adds its own env files).
	env *environ
	// mainRef is the reference in a main file (base or override) through which this
	// file is read: cutting it keeps Compose away from everything below it.
	mainRef ref
	// dups is set when a mapping of the file repeats a key (reported; compose-go is
	// given the file without the repeats).
	dups bool
}

// ref is a node of a main file: the file's index and a raw pointer.
type ref struct {
	file int
	ptr  string
}

// errRefused marks references infralint refuses to follow.
var errRefused = errors.New("refused")

// readFile reads a file of the project: inside the project root (after resolving
// symbolic links), a regular file, under the size limit.
func (p *project) readFile(abs string) ([]byte, error) {
	if !p.inside(abs) {
		return nil, fmt.Errorf("%w: outside the project directory", errRefused)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, cleanErr(err)
	}
	if !p.inside(real) && !p.insideReal(real) {
		return nil, fmt.Errorf("%w: a symbolic link out of the project directory", errRefused)
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, cleanErr(err)
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(real)
	if err != nil {
		return nil, cleanErr(err)
	}
	defer f.Close() //nolint:errcheck // read-only
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, cleanErr(err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("file is larger than the %d MiB limit", maxFileSize>>20)
	}
	return data, nil
}

func (p *project) inside(abs string) bool {
	return within(p.root, abs)
}

func (p *project) insideReal(abs string) bool {
	return p.realRoot != "" && within(p.realRoot, abs)
}

func within(root, abs string) bool {
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

// errNoSuchFile is a missing file, in words without the path the message names anyway.
var errNoSuchFile = fmt.Errorf("no such file%.0w", fs.ErrNotExist)

func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errNoSuchFile
		}
		return pe.Err
	}
	return err
}

// displayPath is how findings name an absolute path: relative to the main file's
// directory as the user gave it.
func (p *project) displayPath(abs string) string {
	rel, err := filepath.Rel(p.mainDir, abs)
	if err != nil {
		return abs
	}
	return filepath.Join(p.mainDisplayDir, rel)
}

// addYAML indexes a YAML file of the project. It returns the file's index in p.files,
// or -1 with the error already recorded.
func (p *project) addYAML(abs, role string, data []byte, dir string, env *environ, mainRef ref) (int, error) {
	if i, ok := p.byAbs[abs]; ok {
		return i, nil
	}
	data = model.YAMLText(data) // a lone CR breaks a line for YAML: the same lines for positions
	f := &srcFile{abs: abs, display: p.displayPath(abs), role: role, src: model.NewSource(data), dir: dir, env: env, mainRef: mainRef}
	doc, err := parseYAML(data)
	if err != nil {
		return -1, p.yamlError(f, data, err)
	}
	if doc != nil && doc.Kind != yaml.MappingNode {
		r := f.src.LineRange(max(doc.Line, 1), max(doc.Line, 1))
		return -1, p.failErr(f.display, &r, "the top level of a Compose file must be a mapping")
	}
	if a := excessiveAlias(doc, maxAliasValues); a != nil {
		r := f.src.LineRange(a.Line, a.Line)
		return -1, p.failErr(f.display, &r, fmt.Sprintf("YAML aliases here expand to more than %d values (a \"billion laughs\"): the file is not read", maxAliasValues))
	}
	f.doc = doc
	f.idx = yamlpos.Build(doc, f.src)
	p.checkDuplicates(f, doc, 0)
	p.files = append(p.files, f)
	p.byAbs[abs] = len(p.files) - 1
	return len(p.files) - 1, nil
}

// maxAliasValues bounds what a file's aliases may expand to: a real Compose file with
// shared x- blocks is thousands of values, an alias bomb billions.
const maxAliasValues = 1_000_000

// excessiveAlias finds where aliases make a document expand to more than budget
// values: the outermost alias being expanded when the count passes it. The YAML
// decoder compose-go uses refuses such a document too, but without saying where.
func excessiveAlias(doc *yaml.Node, budget int) *yaml.Node {
	if doc == nil {
		return nil
	}
	var outer *yaml.Node
	var walk func(n *yaml.Node, depth int) bool
	walk = func(n *yaml.Node, depth int) bool {
		budget--
		if budget < 0 {
			return true
		}
		if depth > 1000 { // deeper than yaml.v3 parses; an anchor cannot contain itself
			return false
		}
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return false
			}
			top := outer == nil
			if top {
				outer = n
			}
			if walk(n.Alias, depth+1) {
				return true
			}
			if top {
				outer = nil
			}
			return false
		}
		for _, c := range n.Content {
			if walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	if !walk(doc, 0) {
		return nil
	}
	if outer != nil {
		return outer
	}
	return doc
}

// parseYAML reads the first document of a file; nil for an empty file.
func parseYAML(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		return doc.Content[0], nil
	}
	return &doc, nil
}

var (
	yamlLine  = regexp.MustCompile(`^yaml: line (\d+): `)
	yaml4Line = regexp.MustCompile(`^yaml: (?:(.*) at line \d+, column \d+: )?line (\d+)(?:, column (\d+))?: (.*)$`)
)

// yamlError records a YAML syntax error of a file. yaml.v3 names the line where the
// enclosing construct starts; go.yaml.in/yaml/v4 (compose-go's parser) also names the
// line of the problem itself, which is where the error is shown.
func (p *project) yamlError(f *srcFile, data []byte, err error) error {
	msg := err.Error()
	line := 0
	var n yaml4.Node
	if err4 := yaml4.Unmarshal(data, &n); err4 != nil {
		if m := yaml4Line.FindStringSubmatch(err4.Error()); m != nil {
			line, _ = strconv.Atoi(m[2])
			msg = "yaml: " + m[4]
			if m[1] != "" {
				msg += " (" + m[1] + ")"
			}
		}
	}
	if line == 0 {
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = "yaml: " + msg[len(m[0]):]
		}
	}
	var r *model.Range
	if line >= 1 {
		line = min(line, max(f.src.LineCount(), 1))
		lr := f.src.LineRange(line, line)
		r = &lr
	} else if bad, ok := f.src.InvalidUTF8(1); ok && strings.Contains(msg, "UTF-8") {
		r = &bad // the parser does not say where
	}
	return p.failErr(f.display, r, msg)
}

// checkDuplicates reports the keys a mapping repeats: Compose refuses such a file.
func (p *project) checkDuplicates(f *srcFile, n *yaml.Node, depth int) {
	if n == nil || depth > 64 {
		return
	}
	if n.Kind == yaml.MappingNode {
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || (k.Value == "<<" && k.Tag == "!!merge") {
				continue
			}
			if first, ok := seen[k.Value]; ok {
				r := f.src.LineRange(k.Line, k.Line)
				r.Start.Column = max(k.Column, 1)
				p.fail(f.display, &r, fmt.Sprintf("yaml: mapping key %q already defined at line %d", k.Value, first))
				f.dups = true
				continue
			}
			seen[k.Value] = k.Line
		}
	}
	for _, c := range n.Content {
		if c.Kind != yaml.AliasNode {
			p.checkDuplicates(f, c, depth+1)
		}
	}
}

// fail records an error.
func (p *project) fail(file string, r *model.Range, msg string) {
	p.errs = append(p.errs, model.FileError{File: file, Range: r, Message: msg})
}

// failErr records an error and returns it.
func (p *project) failErr(file string, r *model.Range, msg string) error {
	e := model.FileError{File: file, Range: r, Message: msg}
	p.errs = append(p.errs, e)
	return e
}

// failAt records an error at a raw pointer of a YAML file.
func (p *project) failAt(fi int, ptr, msg string) {
	f := p.files[fi]
	r := nodeRange(f.idx, ptr)
	p.fail(f.display, &r, msg)
}

// nodeRange is the range a finding or an error about ptr shows: a scalar with its key
// (`image: postgres`), a list item, or only the key of a mapping or sequence, which
// would otherwise span many lines.
func nodeRange(idx *yamlpos.Index, ptr string) model.Range {
	_, e := idx.Nearest(ptr)
	if e.Node != nil && (e.Node.Kind == yaml.MappingNode || e.Node.Kind == yaml.SequenceNode) && e.Key.Valid() {
		return e.Key
	}
	return e.Range
}

// lookup returns the node at a raw pointer of a file.
func (f *srcFile) lookup(ptr string) *yaml.Node {
	if f.idx == nil {
		return nil
	}
	e, ok := f.idx.Lookup(ptr)
	if !ok {
		return nil
	}
	return e.Node
}

// mapEntries returns the key and value nodes of a mapping, merge keys (<<) expanded
// after the keys written, as Compose reads them.
func mapEntries(n *yaml.Node) [][2]*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "<<" && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	var merge func(m *yaml.Node, depth int)
	merge = func(m *yaml.Node, depth int) {
		if depth > 8 {
			return
		}
		m = deref(m)
		if m == nil {
			return
		}
		switch m.Kind {
		case yaml.MappingNode:
			for _, kv := range mapEntries(m) {
				if !seen[kv[0].Value] {
					seen[kv[0].Value] = true
					out = append(out, kv)
				}
			}
		case yaml.SequenceNode:
			for _, item := range m.Content {
				merge(item, depth+1)
			}
		}
	}
	for _, m := range merges {
		merge(m, 0)
	}
	return out
}

// deref follows an alias.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// mapGet returns the value of key in a mapping node.
func mapGet(n *yaml.Node, key string) *yaml.Node {
	for _, kv := range mapEntries(n) {
		if kv[0].Value == key {
			return deref(kv[1])
		}
	}
	return nil
}

// strings returns the scalar values of a scalar or a sequence of scalars.
func scalars(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range n.Content {
			if c = deref(c); c != nil && c.Kind == yaml.ScalarNode {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

func isQuoted(n *yaml.Node) bool {
	return n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
}
