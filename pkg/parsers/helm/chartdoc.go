package helm

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// ChartInput is the policy input of a chart (target helm):
//
//	path         the chart directory or archive
//	chart        Chart.yaml as decoded
//	values       values.yaml as decoded ({} without one)
//	values_keys  the top-level keys of values.yaml in order: {key, ptr, comment}
//	files        every file of the chart (subcharts not included), sorted
//	templates    {name, ptr} for each file under templates/
//	has_values_schema, has_lock
//	values_sets  the names of the values sets the chart is rendered with
//
// Pointers under /chart and /values locate in Chart.yaml and values.yaml; a template's
// ptr locates at the first line of that template.
func (l *chartLoader) chartDocument() (*model.Document, *model.FileError) {
	cf := l.cf
	chartPath := cf.pathOf("Chart.yaml")
	chartSrc := model.NewSource(cf.byName["Chart.yaml"])
	var chartNode yaml.Node
	if err := yaml.Unmarshal(chartSrc.Text, &chartNode); err != nil {
		fe := kubernetes.YAMLError(chartPath, chartSrc, err)
		fe.Message = "invalid Chart.yaml: " + strings.TrimPrefix(fe.Message, "invalid YAML: ")
		return nil, &fe
	}
	chartVal := decodeNode(&chartNode)
	if chartVal == nil {
		chartVal = map[string]any{}
	}
	loc := &chartLocator{files: map[string]fileIndex{}}
	loc.files["/chart"] = fileIndex{path: chartPath, src: chartSrc, ix: lazyIndex(&chartNode, chartSrc)}

	valuesVal := map[string]any{}
	keys := []any{}
	sources := map[string]*model.Source{}
	if data, ok := cf.byName["values.yaml"]; ok {
		vsrc := model.NewSource(data)
		var vn yaml.Node
		if err := yaml.Unmarshal(data, &vn); err == nil {
			if v := decodeNode(&vn); v != nil {
				valuesVal = v
			}
			vpath := cf.pathOf("values.yaml")
			// The same file, parsed once, is where rendered objects' values are traced.
			vs := &valuesSource{path: vpath, src: vsrc, ix: lazyIndex(&vn, vsrc)}
			l.setChartValues(cf, vs)
			loc.files["/values"] = fileIndex{path: vpath, src: vsrc, ix: vs.ix}
			sources[vpath] = vsrc
			keys = valuesKeys(&vn)
		}
	}
	var files []string
	for name := range cf.byName {
		files = append(files, name)
	}
	sort.Strings(files)
	templates := []any{}
	fileList := make([]any, len(files))
	for i, f := range files {
		fileList[i] = f
		if strings.HasPrefix(f, "templates/") {
			ptr := "/templates/" + strconv.Itoa(len(templates))
			templates = append(templates, map[string]any{"name": f, "ptr": ptr})
			p := cf.pathOf(f)
			src := model.NewSource(cf.byName[f])
			loc.templates = append(loc.templates, fileIndex{path: p, src: src})
			sources[p] = src
		}
	}
	setNames := []any{DefaultSetName}
	for _, s := range l.o.ValuesSets {
		setNames = append(setNames, s.Name)
	}
	_, hasSchema := cf.byName["values.schema.json"]
	_, hasLock := cf.byName["Chart.lock"]
	in := map[string]any{
		"path":              cf.display,
		"chart":             chartVal,
		"values":            valuesVal,
		"values_keys":       keys,
		"files":             fileList,
		"templates":         templates,
		"has_values_schema": hasSchema,
		"has_lock":          hasLock,
		"values_sets":       setNames,
	}
	return &model.Document{
		Kind:      model.KindHelm,
		Path:      chartPath,
		Source:    chartSrc,
		Sources:   sources,
		Input:     in,
		Locations: loc,
	}, nil
}

// decodeNode decodes a YAML document with the Kubernetes decoder's rules.
func decodeNode(n *yaml.Node) map[string]any {
	v, _ := kubernetes.DecodeNode(n)
	m, _ := v.(map[string]any)
	return m
}

// valuesKeys lists the top-level keys of values.yaml with the comment above each.
func valuesKeys(n *yaml.Node) []any {
	out := []any{}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return out
	}
	head := ""
	if n.HeadComment != "" {
		head = n.HeadComment // the comment above the first key is the mapping's
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		c := k.HeadComment
		if i == 0 && c == "" {
			c = head
		}
		out = append(out, map[string]any{"key": k.Value, "ptr": "/values/" + yamlpos.Escape(k.Value), "comment": strings.TrimSpace(c)})
	}
	return out
}

type fileIndex struct {
	path string
	src  *model.Source
	ix   func() *yamlpos.Index // nil for a template
}

// lazyIndex indexes node (of src) when first asked: only a finding to place needs the
// index, and most charts' values files have none.
func lazyIndex(node *yaml.Node, src *model.Source) func() *yamlpos.Index {
	return sync.OnceValue(func() *yamlpos.Index { return yamlpos.Build(node, src) })
}

// chartLocator locates the chart document's pointers in Chart.yaml, values.yaml and
// the templates.
type chartLocator struct {
	files     map[string]fileIndex // by pointer prefix: /chart, /values
	templates []fileIndex
}

func (l *chartLocator) resolve(ptr string) (fileIndex, string, bool) {
	if ptr == "" {
		ptr = "/chart/name"
	}
	if rest, ok := strings.CutPrefix(ptr, "/templates/"); ok {
		i, err := strconv.Atoi(strings.Split(rest, "/")[0])
		if err == nil && i >= 0 && i < len(l.templates) {
			return l.templates[i], "", false
		}
	}
	for prefix, f := range l.files {
		if ptr == prefix || strings.HasPrefix(ptr, prefix+"/") {
			return f, strings.TrimPrefix(ptr, prefix), true
		}
	}
	return l.files["/chart"], "", true
}

func (l *chartLocator) Locate(ptr string) model.Range {
	f, inner, indexed := l.resolve(ptr)
	if !indexed || f.ix == nil {
		return f.src.LineRange(1, 1)
	}
	found, e := f.ix().Nearest(inner)
	r := e.Range
	if found != inner && e.Key.Valid() {
		r = e.Key
	} else if r.End.Line > r.Start.Line && e.Key.Valid() {
		r = model.Range{Start: e.Key.Start, End: model.Position{Line: e.Key.Start.Line, Column: f.src.LineEnd(e.Key.Start.Line)}}
	}
	if found == "" {
		r = f.src.LineRange(1, 1)
	}
	return r
}

func (l *chartLocator) File(ptr string) string {
	f, _, _ := l.resolve(ptr)
	return f.path
}

func (l *chartLocator) Anchor(ptr string) string { return "chart" + ptr }

func (l *chartLocator) Context(string) string { return "" }
