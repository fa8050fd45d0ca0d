package kubernetes

import (
	"strconv"
	"strings"

	"github.com/distribution/reference"
)

// The keys infralint adds beside the object's own fields. No Kubernetes kind has a
// top-level field of these names.
const (
	// KeyContainers is the flattened list of containers (see Container).
	KeyContainers = "containers"
	// KeyPodSpecPtr is the JSON Pointer of the pod spec of a pod-spec carrier.
	KeyPodSpecPtr = "pod_spec_ptr"
	// KeyOrigin says where the object came from (see Origin).
	KeyOrigin = "origin"
	// KeyRelated holds the object's relations to the other objects of its set.
	KeyRelated = "related"
	// KeySet describes the set the object was linted in.
	KeySet = "set"
	// KeyDuplicateKeys lists the keys written twice in one mapping of the object
	// ({ptr, key, first_line}); absent when there are none.
	KeyDuplicateKeys = "duplicate_keys"
)

// podSpecPaths are the pod-spec carriers and where their pod spec is.
var podSpecPaths = map[string][]string{
	"Pod":                   {"spec"},
	"Deployment":            {"spec", "template", "spec"},
	"StatefulSet":           {"spec", "template", "spec"},
	"DaemonSet":             {"spec", "template", "spec"},
	"ReplicaSet":            {"spec", "template", "spec"},
	"ReplicationController": {"spec", "template", "spec"},
	"Job":                   {"spec", "template", "spec"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "spec"},
	"PodTemplate":           {"template", "spec"},
}

// PodSpecPath returns the path of the pod spec of a kind, or nil.
func PodSpecPath(kind string) []string { return podSpecPaths[kind] }

// Origin says where an object came from: a manifest file, or a chart's template
// rendered under a values set.
type Origin struct {
	File      string `json:"file"`                 // the file findings about the object are reported in
	Document  int    `json:"document"`             // 0-based YAML document in the file (for a template: in its output)
	Item      *int   `json:"item,omitempty"`       // index in a List's items
	Chart     string `json:"chart,omitempty"`      // the chart's name, for a rendered object
	ChartPath string `json:"chart_path,omitempty"` // the chart's directory or archive
	Template  string `json:"template,omitempty"`   // the template inside the chart, such as templates/deployment.yaml
	ValuesSet string `json:"values_set,omitempty"` // the values set it was rendered with
}

func (o Origin) value() map[string]any {
	m := map[string]any{"file": o.File, "document": int64(o.Document)}
	if o.Item != nil {
		m["item"] = int64(*o.Item)
	}
	if o.Chart != "" {
		m["chart"] = o.Chart
		m["chart_path"] = o.ChartPath
		m["template"] = o.Template
		m["values_set"] = o.ValuesSet
	}
	return m
}

// lookup reads a path of map keys.
func lookup(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func pointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return "/" + strings.Join(path, "/")
}

// Input builds the policy input of an object: its own fields, plus containers,
// pod_spec_ptr, origin, related and set. The object's map is not modified.
func Input(o *Object, origin Origin, related map[string]any, set map[string]any) map[string]any {
	in := make(map[string]any, len(o.Value)+5)
	for k, v := range o.Value {
		in[k] = v
	}
	kind := o.Kind()
	containers := []any{}
	if path := PodSpecPath(kind); path != nil {
		if spec, ok := lookup(o.Value, path...).(map[string]any); ok {
			ptr := pointer(path)
			in[KeyPodSpecPtr] = ptr
			for _, group := range []struct{ field, typ string }{
				{"initContainers", "init"}, {"containers", "container"}, {"ephemeralContainers", "ephemeral"},
			} {
				list, _ := spec[group.field].([]any)
				for i, c := range list {
					cm, ok := c.(map[string]any)
					if !ok {
						continue
					}
					containers = append(containers, container(cm, ptr+"/"+group.field+"/"+strconv.Itoa(i), group.typ, i))
				}
			}
		}
	}
	in[KeyContainers] = containers
	if len(o.Duplicates) > 0 {
		dups := make([]any, len(o.Duplicates))
		for i, d := range o.Duplicates {
			dups[i] = map[string]any{"ptr": d.Pointer, "key": d.Key, "first_line": d.FirstLine}
		}
		in[KeyDuplicateKeys] = dups
	}
	in[KeyOrigin] = origin.value()
	if related == nil {
		related = map[string]any{}
	}
	in[KeyRelated] = related
	if set == nil {
		set = map[string]any{}
	}
	in[KeySet] = set
	return in
}

// container is one entry of the flattened list: the container's own fields plus ptr
// (its JSON Pointer), type (init, container or ephemeral), index (in its list) and
// image_ref (the image reference split).
func container(c map[string]any, ptr, typ string, index int) map[string]any {
	out := make(map[string]any, len(c)+4)
	for k, v := range c {
		out[k] = v
	}
	out["ptr"] = ptr
	out["type"] = typ
	out["index"] = int64(index)
	if img, ok := c["image"].(string); ok {
		out["image_ref"] = imageRef(img)
	}
	return out
}

// imageRef splits an image reference: registry, repository, tag, digest. A reference
// that holds a template or variable expression is marked variable and not split.
func imageRef(raw string) map[string]any {
	ref := map[string]any{"raw": raw}
	if raw == "" || strings.ContainsAny(raw, "${}") || strings.ContainsAny(raw, " \t") {
		ref["variable"] = true
		return ref
	}
	named, err := reference.ParseNormalizedNamed(raw)
	if err != nil {
		ref["invalid"] = true
		return ref
	}
	ref["registry"] = reference.Domain(named)
	ref["repository"] = reference.Path(named)
	if t, ok := named.(reference.Tagged); ok {
		ref["tag"] = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		ref["digest"] = d.Digest().String()
	}
	return ref
}
