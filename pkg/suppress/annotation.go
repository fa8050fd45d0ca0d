package suppress

import (
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// AnnotationKey is the Kubernetes annotation that suppresses rules for a whole object:
// `infralint.io/ignore: "rule-a,rule-b -- reason"`. It survives Helm rendering, so a
// chart can set it from values.
const AnnotationKey = "infralint.io/ignore"

// Annotated is implemented by the policy input of a document that carries Kubernetes
// annotations (a Kubernetes object, including one rendered from a Helm chart).
// Annotation returns the value of the annotation key and the JSON Pointer of the value
// in the input, for the range of findings about the annotation itself.
type Annotated interface {
	Annotation(key string) (value, pointer string, ok bool)
}

// annotation reads the infralint.io/ignore annotation of a document, as a directive
// covering the whole document. A Kubernetes object's input (pkg/parsers/kubernetes, also
// for objects rendered from a chart) is the object's own fields, so the annotation is
// at metadata.annotations; any other input may implement Annotated.
func annotation(doc *model.Document) (d Directive, file string, ok bool) {
	var value, ptr string
	switch in := doc.Input.(type) {
	case Annotated:
		value, ptr, ok = in.Annotation(AnnotationKey)
	case map[string]any:
		if doc.Kind != model.KindKubernetes && doc.Kind != model.KindHelm {
			return Directive{}, "", false
		}
		meta, _ := in["metadata"].(map[string]any)
		annotations, _ := meta["annotations"].(map[string]any)
		value, ok = annotations[AnnotationKey].(string)
		ptr = "/metadata/annotations/" + strings.ReplaceAll(AnnotationKey, "/", "~1")
	}
	if !ok {
		return Directive{}, "", false
	}
	var rg model.Range
	file = doc.Path
	if doc.Locations != nil {
		rg = doc.Locations.Locate(ptr)
		if f := doc.Locations.File(ptr); f != "" {
			file = f
		}
	}
	d, ok = parseList(value, rg)
	d.Scope = ScopeDocument
	d.Text = AnnotationKey + ": " + strings.Join(strings.Fields(value), " ")
	return d, file, ok
}

// parseList reads an annotation value, "rule-a, rule-b -- reason". Every name gets the
// range of the whole value: an annotation's value is one YAML scalar.
func parseList(value string, rg model.Range) (Directive, bool) {
	d := Directive{Range: rg, Line: rg.Start.Line}
	list, reason, _ := strings.Cut(value, "--")
	d.Reason = strings.TrimSpace(reason)
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name != "" {
			d.Rules = append(d.Rules, Name{Name: name, Range: rg})
		}
	}
	return d, len(d.Rules) > 0
}
