// Package kubernetes reads Kubernetes manifests (multi-document YAML, List kinds, JSON)
// into one policy document per object. Each object's input is the object as the API
// server would decode it, plus facts computed in Go so that policies stay short: the
// flattened list of its containers with a pointer to each, the pointer of its pod
// spec, its origin, and its relations to the other objects of the same set (the files
// of one directory, or one render of a Helm chart).
package kubernetes

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// Limits bound what one file may cost. The zero value of a field means its default.
type Limits struct {
	// MaxDocuments is the number of YAML documents one file may hold.
	MaxDocuments int
	// MaxNodes bounds the values one document decodes to, aliases expanded: a
	// "billion laughs" document of nested aliases stops here instead of exhausting
	// memory.
	MaxNodes int
	// MaxDepth bounds nesting.
	MaxDepth int
}

// DefaultLimits are generous for real manifests.
var DefaultLimits = Limits{MaxDocuments: 10_000, MaxNodes: 1_000_000, MaxDepth: 128}

func (l Limits) withDefaults() Limits {
	if l.MaxDocuments <= 0 {
		l.MaxDocuments = DefaultLimits.MaxDocuments
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultLimits.MaxNodes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	return l
}

// Object is one Kubernetes object read from a source text.
type Object struct {
	// Value is the object as decoded: maps, lists, strings, int64, float64, bools, nil.
	Value map[string]any
	// Doc is the 0-based index of the YAML document in the file; Item is the index of
	// the object in a List's items, or -1.
	Doc, Item int
	// Line is the line the object starts on.
	Line int
	// Node is the object's YAML node (nil for a List item that could not be found).
	Node *yaml.Node
	// Duplicates are the keys written twice in one mapping of the object: Value and
	// Index hold the last of them, as a JSON decoder would.
	Duplicates []DuplicateKey

	src   *model.Source
	index func() *yamlpos.Index
}

// Index locates JSON Pointers into Value in the source text. It is built when first
// asked for: only an object with a finding to place needs it, and the objects of a
// rendered chart are placed in their templates instead (pkg/parsers/helm), so building
// it with every object was a tenth of linting a chart.
func (o *Object) Index() *yamlpos.Index {
	if o.index == nil { // an Object made outside Decode
		return yamlpos.Build(o.Node, o.src)
	}
	return o.index()
}

// newObject is an object of src whose YAML node is node (nil when unknown).
func newObject(v map[string]any, node *yaml.Node, src *model.Source) *Object {
	return &Object{Value: v, Node: node, src: src, index: sync.OnceValue(func() *yamlpos.Index { return yamlpos.Build(node, src) })}
}

// DuplicateKey is a key written again in a mapping.
type DuplicateKey struct {
	Pointer   string // JSON Pointer of the key's value, from the object
	Key       string
	FirstLine int // where the key is first written
}

// duplicatesIn finds the pointers of the duplicate keys inside the object node root.
// It searches the tree only when the document has a duplicate, which is rare.
func duplicatesIn(root *yaml.Node, dups []duplicate) []DuplicateKey {
	if root == nil || len(dups) == 0 {
		return nil
	}
	var out []DuplicateKey
	seen := map[*yaml.Node]bool{} // an alias or merge key walks its mapping again
	for _, d := range dups {
		if seen[d.key] {
			continue
		}
		seen[d.key] = true
		if ptr, ok := pointerTo(root, d.key, "", 0); ok {
			out = append(out, DuplicateKey{Pointer: ptr, Key: d.key.Value, FirstLine: d.first})
		}
	}
	return out
}

// pointerTo is the JSON Pointer of the value of the mapping key node key, when it is
// written inside n (aliases are not followed: the key is reported where it is written).
func pointerTo(n, key *yaml.Node, ptr string, depth int) (string, bool) {
	if depth > DefaultLimits.MaxDepth+8 {
		return "", false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			p := ptr + "/" + yamlpos.Escape(k.Value)
			if k == key {
				return p, true
			}
			if found, ok := pointerTo(n.Content[i+1], key, p, depth+1); ok {
				return found, true
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if found, ok := pointerTo(c, key, ptr+"/"+strconv.Itoa(i), depth+1); ok {
				return found, true
			}
		}
	}
	return "", false
}

// APIVersion, Kind, Name and Namespace read the object's identity ("" when absent).
func (o *Object) APIVersion() string { return str(o.Value["apiVersion"]) }

// Kind is the object's kind.
func (o *Object) Kind() string { return str(o.Value["kind"]) }

// Name is metadata.name (or metadata.generateName).
func (o *Object) Name() string {
	md, _ := o.Value["metadata"].(map[string]any)
	if n := str(md["name"]); n != "" {
		return n
	}
	return str(md["generateName"])
}

// Namespace is metadata.namespace.
func (o *Object) Namespace() string {
	md, _ := o.Value["metadata"].(map[string]any)
	return str(md["namespace"])
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// separator is a YAML document marker line. Documents are split on it before parsing
// (as kubectl and Helm do), so that one broken document does not hide the ones after
// it; like Helm, a comment may follow the marker without a space (`---# note`).
var separator = regexp.MustCompile(`^---(?:[ \t#].*)?$`)

// chunk is one document's text and the 0-based line it starts on.
type chunk struct {
	text  []byte
	first int
}

func split(src []byte) []chunk {
	var out []chunk
	start, line, first := 0, 0, 0
	for i := 0; i <= len(src); {
		j := bytes.IndexByte(src[i:], '\n')
		end := len(src)
		if j >= 0 {
			end = i + j
		}
		l := bytes.TrimSuffix(src[i:end], []byte("\r"))
		if separator.Match(l) {
			out = append(out, chunk{text: src[start:i], first: first})
			first = line + 1
			start = min(end+1, len(src))
		}
		line++
		if j < 0 {
			break
		}
		i = end + 1
	}
	return append(out, chunk{text: src[start:], first: first})
}

// Decode reads every object of a YAML or JSON text. path names the file in errors.
// A document that is not valid YAML is an error with its line; the documents around it
// are still read. Documents without apiVersion and kind are skipped: a caller that
// needs to know uses Documents, which counts them.
func Decode(path string, src *model.Source, lim Limits) (objs []*Object, skipped int, errs []model.FileError) {
	lim = lim.withDefaults()
	body := bytes.TrimPrefix(src.Text, []byte("\xef\xbb\xbf"))
	chunks := split(body)
	docs := 0
	for _, c := range chunks {
		if len(bytes.TrimSpace(c.text)) == 0 {
			continue
		}
		docs++
		if docs > lim.MaxDocuments {
			errs = append(errs, model.FileError{File: path, Message: fmt.Sprintf("more than %d YAML documents: the rest of the file is not read", lim.MaxDocuments)})
			break
		}
		var root yaml.Node
		if err := yaml.Unmarshal(c.text, &root); err != nil {
			errs = append(errs, yamlError(path, src, c.first, err))
			continue
		}
		if root.Kind == 0 || len(root.Content) == 0 {
			continue
		}
		shift(&root, c.first, 0, lim.MaxDepth+8)
		n := root.Content[0]
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			continue
		}
		d := &decoder{budget: lim.MaxNodes, maxDepth: lim.MaxDepth, dups: &[]duplicate{}}
		v, err := d.value(n, 0)
		if err != nil {
			r := src.LineRange(n.Line, n.Line)
			errs = append(errs, model.FileError{File: path, Range: &r, Message: err.Error()})
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			skipped++
			continue
		}
		if isList(m) {
			items, _ := m["items"].([]any)
			itemsNode := mapValue(n, "items")
			for i, it := range items {
				im, ok := it.(map[string]any)
				if !ok || str(im["apiVersion"]) == "" || str(im["kind"]) == "" {
					skipped++
					continue
				}
				var node *yaml.Node
				if itemsNode != nil && itemsNode.Kind == yaml.SequenceNode && i < len(itemsNode.Content) {
					node = itemsNode.Content[i]
				}
				o := newObject(im, node, src)
				o.Doc, o.Item, o.Line, o.Duplicates = docs-1, i, lineOf(node, n), duplicatesIn(node, *d.dups)
				objs = append(objs, o)
			}
			continue
		}
		if str(m["apiVersion"]) == "" || str(m["kind"]) == "" {
			skipped++
			continue
		}
		o := newObject(m, n, src)
		o.Doc, o.Item, o.Line, o.Duplicates = docs-1, -1, n.Line, duplicatesIn(n, *d.dups)
		objs = append(objs, o)
	}
	return objs, skipped, errs
}

func lineOf(n, fallback *yaml.Node) int {
	if n != nil {
		return n.Line
	}
	return fallback.Line
}

// isList is a v1 List (or a typed list such as PodList) with items.
func isList(m map[string]any) bool {
	k := str(m["kind"])
	_, has := m["items"].([]any)
	return has && (k == "List" || strings.HasSuffix(k, "List")) && str(m["apiVersion"]) != ""
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// yamlError turns a yaml.v3 error into a FileError at the file's line.
// YAMLError is a YAML library's error as a file error, at the line the error names
// when it names one.
func YAMLError(path string, src *model.Source, err error) model.FileError {
	return yamlError(path, src, 0, err)
}

func yamlError(path string, src *model.Source, first int, err error) model.FileError {
	msg := err.Error()
	fe := model.FileError{File: path}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if m[1] != "" {
			if n, e := strconv.Atoi(m[1]); e == nil {
				line := min(max(n+first, 1), max(src.LineCount(), 1))
				r := src.LineRange(line, line)
				fe.Range = &r
			}
		}
	}
	if fe.Range == nil && strings.Contains(msg, "UTF-8") {
		if r, ok := src.InvalidUTF8(first + 1); ok {
			fe.Range = &r
		}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = strings.Join(te.Errors, "; ")
	}
	fe.Message = "invalid YAML: " + msg
	return fe
}

// shift moves the nodes of a document parsed on its own to the file's lines.
func shift(n *yaml.Node, lines, depth, maxDepth int) {
	if n == nil || depth > maxDepth {
		return
	}
	if n.Line > 0 {
		n.Line += lines
	}
	for _, c := range n.Content {
		shift(c, lines, depth+1, maxDepth)
	}
}

// DecodeNode converts a YAML node into plain values (maps, lists, strings, int64,
// float64, bools, nil) within the default limits.
func DecodeNode(n *yaml.Node) (any, error) {
	d := &decoder{budget: DefaultLimits.MaxNodes, maxDepth: DefaultLimits.MaxDepth}
	return d.value(n, 0)
}

// decoder converts yaml.v3 nodes into plain values, expanding aliases within a budget.
type decoder struct {
	budget   int
	maxDepth int
	// dups, when set, collects keys written twice in one mapping of the document
	// itself (not of what an alias or merge key repeats).
	dups *[]duplicate
}

// duplicate is a mapping key written again, and the line of its first occurrence.
type duplicate struct {
	key   *yaml.Node
	first int
}

var errBudget = errors.New("document expands to too many values (YAML aliases?)")

func (d *decoder) value(n *yaml.Node, depth int) (any, error) {
	if d.budget <= 0 {
		return nil, errBudget
	}
	d.budget--
	if depth > d.maxDepth {
		return nil, fmt.Errorf("document is nested deeper than %d levels", d.maxDepth)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return d.value(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return d.value(n.Alias, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			val, err := d.value(v, depth+1)
			if err != nil {
				return nil, err
			}
			key := keyString(k)
			if _, seen := m[key]; seen && d.dups != nil && k.Kind == yaml.ScalarNode {
				*d.dups = append(*d.dups, duplicate{key: k, first: firstKeyLine(n, key)})
			}
			m[key] = val
		}
		for _, mg := range merges {
			if err := d.merge(m, mg, depth+1); err != nil {
				return nil, err
			}
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		return scalar(n), nil
	}
	return nil, nil
}

// firstKeyLine is the line of the first key named key in the mapping n.
func firstKeyLine(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if keyString(n.Content[i]) == key {
			return n.Content[i].Line
		}
	}
	return 0
}

// merge applies a merge key: keys already written win.
func (d *decoder) merge(m map[string]any, n *yaml.Node, depth int) error {
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			if err := d.merge(m, c, depth); err != nil {
				return err
			}
		}
		return nil
	}
	v, err := d.value(n, depth)
	if err != nil {
		return err
	}
	if mm, ok := v.(map[string]any); ok {
		for k, x := range mm {
			if _, has := m[k]; !has {
				m[k] = x
			}
		}
	}
	return nil
}

func keyString(k *yaml.Node) string {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		return k.Alias.Value
	}
	return k.Value
}

// scalar resolves a scalar as Kubernetes' YAML reader does (YAML 1.1 booleans
// included: an unquoted yes/no/on/off is a boolean to the API server).
func scalar(n *yaml.Node) any {
	tag := n.ShortTag()
	switch tag {
	case "!!str", "!!binary":
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle|yaml.TaggedStyle) == 0 {
			switch n.Value {
			case "yes", "Yes", "YES", "on", "On", "ON":
				return true
			case "no", "No", "NO", "off", "Off", "OFF":
				return false
			}
		}
		return n.Value
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return n.Value
		}
		switch x := v.(type) {
		case int:
			return int64(x)
		case uint64:
			if x > 1<<53 {
				return float64(x)
			}
			return int64(x)
		}
		return v
	case "!!timestamp":
		return n.Value
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return n.Value
	}
	switch x := v.(type) {
	case time.Time, []byte:
		return n.Value
	case int:
		return int64(x)
	}
	return v
}
