// Package helm renders a Helm chart in-process with Helm's own engine, once with its
// default values and once per configured values set, and turns every rendered object
// into a Kubernetes document located in the chart's template (and, where the value
// came from .Values, the values file line that supplied it). It also builds the chart
// document that chart rules (target helm) see.
//
// Rendering never contacts a cluster or the network: `lookup` returns nothing,
// dependencies must be vendored under charts/, and symbolic links are refused.
package helm

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// Load reads the chart at p (a directory with Chart.yaml, or a .tgz archive) and
// renders it under every values set. It returns the chart document (kind helm) and
// one Kubernetes document per rendered object of every set; findings that several
// sets share are merged later (pkg/lint). Errors are per chart or per set: a set that
// fails to render does not stop the others.
func Load(p string, o Options) ([]*model.Document, []model.FileError) {
	o = o.withDefaults()
	cf, err := readChart(p, loadLimits{maxFile: o.MaxFileSize, maxTotal: o.MaxFileSize * 16})
	if err != nil {
		return nil, []model.FileError{{File: p, Message: "reading chart: " + err.Error()}}
	}
	l := &chartLoader{path: p, cf: cf, o: o, templates: map[string]*template{}}
	var docs []*model.Document
	var errs []model.FileError
	chartDoc, ferr := l.chartDocument()
	if ferr != nil {
		return nil, []model.FileError{*ferr}
	}
	docs = append(docs, chartDoc)

	// Dependencies are checked once: every set would fail the same way.
	owners := map[*chart.File]*chartFiles{}
	ch, berr := cf.build(owners)
	if berr != nil {
		return docs, append(errs, loadError(cf, berr))
	}
	if missing := missingDependencies(ch); len(missing) > 0 {
		return docs, append(errs, model.FileError{File: cf.pathOf("Chart.yaml"), Message: fmt.Sprintf(
			"dependencies not vendored under charts/: %s (run `helm dependency build`; infralint never downloads charts)",
			strings.Join(missing, ", "))})
	}

	// The first set renders this tree; the others build their own, since rendering
	// changes a tree (disabled dependencies are removed from it).
	l.unused = &builtTree{ch: ch, owners: owners}

	// The chart's own values are always rendered, as the set "default" (which a
	// configured set of that name replaces).
	sets := []ValuesSet{{Name: DefaultSetName}}
	for _, s := range o.ValuesSets {
		if s.Name == DefaultSetName {
			sets[0] = s
			continue
		}
		sets = append(sets, s)
	}
	for _, set := range sets {
		d, e := l.renderSet(set)
		docs = append(docs, d...)
		errs = append(errs, e...)
	}
	return docs, errs
}

type chartLoader struct {
	path      string // as given to Load
	cf        *chartFiles
	o         Options
	templates map[string]*template // by reported path, shared by every set
	defines   map[string]define    // named templates of the whole chart tree
	values    map[*chartFiles]*valuesSource
	unused    *builtTree // the tree Load built, until a set takes it
}

// valuesSource is a values file indexed by JSON Pointer, with the keys that lead from
// the root chart's values to the values a template of some chart sees.
type valuesSource struct {
	path string
	src  *model.Source
	ix   func() *yamlpos.Index // parsed and built when a value is first traced here
}

// indexValues is the values file p with text src. It is parsed when first looked
// into: a file that is not valid YAML (which Helm would not have rendered with) has an
// empty index.
func indexValues(p string, src *model.Source) *valuesSource {
	return &valuesSource{path: p, src: src, ix: sync.OnceValue(func() *yamlpos.Index {
		var n yaml.Node
		if err := yaml.Unmarshal(src.Text, &n); err != nil {
			return yamlpos.Build(nil, src)
		}
		return yamlpos.Build(&n, src)
	})}
}

// chartValues is the values.yaml of a chart, read once.
func (l *chartLoader) chartValues(cf *chartFiles) *valuesSource {
	if v, ok := l.values[cf]; ok {
		return v
	}
	var v *valuesSource
	if data, ok := cf.byName["values.yaml"]; ok {
		v = indexValues(cf.pathOf("values.yaml"), model.NewSource(data))
	}
	l.setChartValues(cf, v)
	return v
}

func (l *chartLoader) setChartValues(cf *chartFiles, v *valuesSource) {
	if l.values == nil {
		l.values = map[*chartFiles]*valuesSource{}
	}
	l.values[cf] = v
}

func (l *chartLoader) template(cf *chartFiles, name string, data []byte) *template {
	p := cf.pathOf(name)
	if t, ok := l.templates[p]; ok {
		return t
	}
	t := newTemplate(p, data)
	l.templates[p] = t
	return t
}

// tplInfo is what is known of a rendered template: its text and the chain of charts
// from the root to the one it belongs to.
type tplInfo struct {
	tpl    *template
	name   string        // inside its chart: templates/x.yaml
	chain  []*chartFiles // root first
	keys   []string      // values keys from the root chart to this chart (dependency names or aliases)
	chartN string
}

// templatesOf maps Helm's template names (<chart>/charts/<dep>/templates/x.yaml) to
// their files, over the chart tree as dependency processing left it.
func (l *chartLoader) templatesOf(ch *chart.Chart, owners map[*chart.File]*chartFiles) map[string]tplInfo {
	out := map[string]tplInfo{}
	var walk func(c *chart.Chart, chain []*chartFiles, keys []string)
	walk = func(c *chart.Chart, chain []*chartFiles, keys []string) {
		cf := ownerOf(c, owners)
		if cf == nil {
			return
		}
		chain = append(slices.Clone(chain), cf)
		full := c.ChartFullPath()
		for _, t := range c.Templates {
			tpl := l.template(cf, t.Name, t.Data)
			out[path.Join(full, t.Name)] = tplInfo{tpl: tpl, name: t.Name, chain: chain, keys: keys, chartN: c.Name()}
			if l.defines == nil {
				l.defines = map[string]define{}
			}
			for name, r := range tpl.defines() {
				if _, seen := l.defines[name]; !seen {
					l.defines[name] = define{tpl: tpl, region: r}
				}
			}
		}
		for _, d := range c.Dependencies() {
			walk(d, chain, append(slices.Clone(keys), d.Name()))
		}
	}
	walk(ch, nil, nil)
	return out
}

// renderSet renders the chart under one values set.
func (l *chartLoader) renderSet(set ValuesSet) ([]*model.Document, []model.FileError) {
	where := l.cf.pathOf("Chart.yaml")
	fail := func(file string, r *model.Range, format string, args ...any) []model.FileError {
		return []model.FileError{{File: file, Range: r, Message: fmt.Sprintf("values set %s: ", set.Name) + fmt.Sprintf(format, args...)}}
	}
	sets := append(slices.Clone(set.Set), l.o.Set...)
	tree := l.unused
	l.unused = nil
	ps, err := prepareSet(l.cf, set.Files, sets, l.o, tree)
	if err != nil {
		var pe *placedError
		if errors.As(err, &pe) {
			return nil, fail(pe.fe.File, pe.fe.Range, "%s", pe.fe.Message)
		}
		return nil, fail(where, nil, "%v", err)
	}
	files, vals, ch, owners := ps.files, ps.vals, ps.ch, ps.owners
	var out rendered
	if sb := l.o.Sandbox; sb != nil {
		out, err = sb.render(renderRequest{
			Chart: l.path, Files: set.Files, Set: sets,
			ReleaseName: l.o.ReleaseName, Namespace: l.o.Namespace, KubeVersion: l.o.KubeVersion,
			APIVersions: l.o.APIVersions, MaxOutput: l.o.MaxOutput, MaxFileSize: l.o.MaxFileSize,
		}, l.o.Timeout)
		// The child rendered its own copy of the tree; this one is processed the
		// same way so that template names (aliases, disabled dependencies) agree.
		if perr := chartutil.ProcessDependenciesWithMerge(ch, vals); perr != nil && err == nil {
			err = perr
		}
	} else {
		out, err = render(ch, vals, l.o)
	}
	infos := l.templatesOf(ch, owners)
	if err != nil {
		if errors.Is(err, errTimeout) || errors.Is(err, errTooBig) {
			return nil, fail(where, nil, "%v", err)
		}
		te := parseRenderError(err)
		if info, ok := infos[te.template]; ok && te.line > 0 && te.line <= info.tpl.src.LineCount() {
			r := info.tpl.src.LineRange(te.line, te.line)
			return nil, fail(info.tpl.path, &r, "template does not render: %s", te.msg)
		}
		return nil, fail(where, nil, "chart does not render: %s", strings.TrimSpace(err.Error()))
	}

	// Every object of the render, with where it came from.
	type robj struct {
		obj        *kubernetes.Object
		info       tplInfo
		docs, rank int
	}
	var objs []robj
	var errs []model.FileError
	for _, name := range sortedNames(out) {
		text := out[name]
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || strings.EqualFold(base, "NOTES.txt") || strings.TrimSpace(text) == "" {
			continue
		}
		info, ok := infos[name]
		if !ok {
			continue
		}
		decoded, _, derrs := kubernetes.Decode(info.tpl.path, model.NewSource(model.YAMLText([]byte(text))), kubernetes.Limits{})
		for _, e := range derrs {
			msg := e.Message
			if e.Range != nil {
				msg = fmt.Sprintf("%s (line %d of the template's output)", msg, e.Range.Start.Line)
			}
			errs = append(errs, fail(info.tpl.path, nil, "the rendered output is not valid: %s", msg)...)
		}
		ranks := map[string]int{}
		ndocs := 0
		for _, o := range decoded {
			ndocs = max(ndocs, o.Doc+1)
		}
		for _, o := range decoded {
			k := o.Kind()
			rank := ranks[k]
			ranks[k]++
			if isTestHook(o) || !kubernetes.IsResource(o.APIVersion(), k) {
				continue
			}
			objs = append(objs, robj{obj: o, info: info, docs: ndocs, rank: rank})
		}
	}
	all := make([]*kubernetes.Object, len(objs))
	for i, r := range objs {
		all[i] = r.obj
	}
	related, setFacts := kubernetes.Relate(all, l.o.Namespace, "chart")
	chartName := l.cf.chartName()
	docs := make([]*model.Document, 0, len(objs))
	for i, r := range objs {
		loc := &locator{
			defines: l.defines,
			obj:     r.obj,
			tpl:     r.info.tpl,
			region:  r.info.tpl.region(r.obj.Doc, r.docs, r.obj.Kind(), r.rank),
			set:     set.Name,
			values:  l.valuesChain(r.info, files),
			id:      kubernetes.Identity(r.obj),
		}
		sources := map[string]*model.Source{}
		for _, v := range loc.values {
			sources[v.src.path] = v.src.src
		}
		for _, d := range l.defines {
			sources[d.tpl.path] = d.tpl.src
		}
		origin := kubernetes.Origin{
			File: r.info.tpl.path, Document: r.obj.Doc, Chart: chartName, ChartPath: l.cf.display,
			Template: r.info.name, ValuesSet: set.Name,
		}
		if len(r.info.keys) > 0 {
			origin.Template = "charts/" + strings.Join(r.info.keys, "/charts/") + "/" + r.info.name
		}
		docs = append(docs, &model.Document{
			Kind:      model.KindKubernetes,
			Path:      r.info.tpl.path,
			Source:    r.info.tpl.src,
			Sources:   sources,
			Input:     kubernetes.Input(r.obj, origin, related[i], setFacts),
			Locations: loc,
		})
	}
	return docs, errs
}

// helmYAMLError finds the file and line in an error of Helm's chart loader, such as
// "cannot load values.yaml: error converting YAML to JSON: yaml: line 3: ...".
var helmYAMLError = regexp.MustCompile(`cannot load ([^\s:]+): (?:error converting YAML to JSON: )?(yaml: .*)$`)

// loadError places an error of Helm's chart loader: at the line of the chart file it
// names when it names one, else at Chart.yaml.
func loadError(cf *chartFiles, err error) model.FileError {
	if m := helmYAMLError.FindStringSubmatch(err.Error()); m != nil {
		if data, ok := cf.byName[m[1]]; ok {
			fe := kubernetes.YAMLError(cf.pathOf(m[1]), model.NewSource(data), errors.New(m[2]))
			fe.Message = "cannot load " + m[1] + ": " + strings.TrimPrefix(fe.Message, "invalid YAML: ")
			return fe
		}
	}
	return model.FileError{File: cf.pathOf("Chart.yaml"), Message: "loading chart: " + err.Error()}
}

// isTestHook is an object Helm runs only for `helm test`: it is not part of a
// release and is not linted.
func isTestHook(o *kubernetes.Object) bool {
	h, _ := kubernetesLookup(o.Value, "metadata", "annotations", "helm.sh/hook").(string)
	for _, p := range strings.Split(h, ",") {
		if p = strings.TrimSpace(p); p == "test" || p == "test-success" || p == "test-failure" {
			return true
		}
	}
	return false
}

func kubernetesLookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// scopedValues is a values file and the keys under which a template's .Values sit in it.
type scopedValues struct {
	src    *valuesSource
	prefix []string
}

// valuesChain lists, highest precedence first, where a template's .Values come from:
// the set's files (last first) and the root chart's values.yaml under the dependency
// keys, then each chart's values.yaml down to the template's own.
func (l *chartLoader) valuesChain(info tplInfo, files []*valuesFile) []scopedValues {
	var out []scopedValues
	for i := len(files) - 1; i >= 0; i-- {
		if v := indexValuesCached(files[i]); v != nil {
			out = append(out, scopedValues{src: v, prefix: info.keys})
		}
	}
	for depth, cf := range info.chain {
		if cf == nil {
			continue
		}
		if v := l.chartValues(cf); v != nil {
			out = append(out, scopedValues{src: v, prefix: info.keys[min(depth, len(info.keys)):]})
		}
	}
	return out
}

func indexValuesCached(f *valuesFile) *valuesSource {
	if f.index == nil {
		f.index = indexValues(f.path, f.src)
	}
	return f.index
}

func (c *chartFiles) chartName() string {
	var m struct {
		Name string `yaml:"name"`
	}
	_ = yaml.Unmarshal(c.byName["Chart.yaml"], &m)
	return m.Name
}
