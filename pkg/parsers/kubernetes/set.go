package kubernetes

import (
	"slices"
	"strconv"
	"strings"
)

// Relate computes each object's relations to the other objects of its set: the
// objects linted together (the manifests of one directory, or one render of a chart).
// Cross-object rules read these facts instead of reading the whole set, so each rule
// stays a per-object check and its finding lands on the object it is about.
//
// defaultNamespace is the namespace of objects that set none ("" for plain manifests,
// the release namespace for a chart). scope names the set ("directory", "file" or
// "chart").
//
// The relations are, by kind:
//   - pod-spec carriers: services, pod_disruption_budgets, network_policies (names of
//     the objects whose selector matches the pod template's labels) and autoscalers
//     (HorizontalPodAutoscalers whose scaleTargetRef names it);
//   - Service, PodDisruptionBudget, NetworkPolicy: targets (the carriers they select,
//     as "Kind/name"), and for a Service has_selector;
//   - HorizontalPodAutoscaler: targets (objects named by scaleTargetRef);
//   - Ingress: backends, one {ptr, service, found} per backend service reference.
func Relate(objs []*Object, defaultNamespace, scope string) (related []map[string]any, set map[string]any) {
	kinds := map[string]any{}
	for _, o := range objs {
		k := o.Kind()
		n, _ := kinds[k].(int64)
		kinds[k] = n + 1
	}
	custom := int64(0)
	for _, o := range objs {
		if !builtinGroup(o.APIVersion()) {
			custom++
		}
	}
	set = map[string]any{"scope": scope, "objects": int64(len(objs)), "kinds": kinds, "custom_resources": custom}

	type member struct {
		o         *Object
		ns        string
		podLabels map[string]any // for carriers; nil otherwise
	}
	ms := make([]member, len(objs))
	for i, o := range objs {
		ns := o.Namespace()
		if ns == "" {
			ns = defaultNamespace
		}
		m := member{o: o, ns: ns}
		if path := PodSpecPath(o.Kind()); path != nil {
			meta := path[:len(path)-1] // the pod template: spec.template, or the Pod itself
			labels, _ := lookup(o.Value, append(slices.Clone(meta), "metadata", "labels")...).(map[string]any)
			if labels == nil {
				labels = map[string]any{}
			}
			m.podLabels = labels
		}
		ms[i] = m
	}
	related = make([]map[string]any, len(objs))
	for i := range related {
		related[i] = map[string]any{}
	}
	add := func(m map[string]any, key, val string) {
		list, _ := m[key].([]any)
		m[key] = append(list, val)
	}
	for i, a := range ms {
		r := related[i]
		switch a.o.Kind() {
		case "Service":
			sel, _ := lookup(a.o.Value, "spec", "selector").(map[string]any)
			r["has_selector"] = len(sel) > 0
			r["targets"] = []any{}
			if len(sel) == 0 {
				continue
			}
			for j, b := range ms {
				if b.podLabels != nil && sameNamespace(a.ns, b.ns) && subset(sel, b.podLabels) {
					add(r, "targets", b.o.Kind()+"/"+b.o.Name())
					add(related[j], "services", a.o.Name())
				}
			}
		case "PodDisruptionBudget", "NetworkPolicy":
			field, key := "selector", "pod_disruption_budgets"
			if a.o.Kind() == "NetworkPolicy" {
				field, key = "podSelector", "network_policies"
			}
			r["targets"] = []any{}
			sel, ok := lookup(a.o.Value, "spec", field).(map[string]any)
			if !ok {
				continue
			}
			for j, b := range ms {
				if b.podLabels != nil && sameNamespace(a.ns, b.ns) && matches(sel, b.podLabels) {
					add(r, "targets", b.o.Kind()+"/"+b.o.Name())
					add(related[j], key, a.o.Name())
				}
			}
		case "HorizontalPodAutoscaler":
			r["targets"] = []any{}
			ref, _ := lookup(a.o.Value, "spec", "scaleTargetRef").(map[string]any)
			kind, name := str(ref["kind"]), str(ref["name"])
			for j, b := range ms {
				if b.o.Kind() == kind && b.o.Name() == name && sameNamespace(a.ns, b.ns) {
					add(r, "targets", kind+"/"+name)
					add(related[j], "autoscalers", a.o.Name())
				}
			}
		case "Ingress":
			services := map[string]bool{}
			for _, b := range ms {
				if b.o.Kind() == "Service" && sameNamespace(a.ns, b.ns) {
					services[b.o.Name()] = true
				}
			}
			backends := []any{}
			for _, bk := range ingressBackends(a.o.Value) {
				backends = append(backends, map[string]any{"ptr": bk.ptr, "service": bk.name, "found": services[bk.name]})
			}
			r["backends"] = backends
		}
	}
	for i, m := range ms {
		if m.podLabels == nil {
			continue
		}
		for _, k := range []string{"services", "pod_disruption_budgets", "network_policies", "autoscalers"} {
			if _, ok := related[i][k]; !ok {
				related[i][k] = []any{}
			}
		}
	}
	return related, set
}

// sameNamespace compares namespaces; an object that names none (a plain manifest
// applied with the current context's namespace) may be in any.
func sameNamespace(a, b string) bool { return a == b || a == "" || b == "" }

// builtinGroups are the API groups of Kubernetes itself. Objects of other groups are
// custom resources, which may create pods (operators): a Service or NetworkPolicy of
// such a set may select pods that no manifest shows.
var builtinGroups = map[string]bool{
	"": true, "apps": true, "batch": true, "extensions": true, "policy": true, "autoscaling": true,
	"networking.k8s.io": true, "rbac.authorization.k8s.io": true, "storage.k8s.io": true,
	"apiextensions.k8s.io": true, "admissionregistration.k8s.io": true, "scheduling.k8s.io": true,
	"coordination.k8s.io": true, "node.k8s.io": true, "discovery.k8s.io": true,
	"certificates.k8s.io": true, "events.k8s.io": true, "flowcontrol.apiserver.k8s.io": true,
	"apiregistration.k8s.io": true, "resource.k8s.io": true,
}

func builtinGroup(apiVersion string) bool {
	group, _, found := strings.Cut(apiVersion, "/")
	if !found {
		group = ""
	}
	return builtinGroups[group]
}

// subset is a Service selector: every key equal in the labels.
func subset(sel, labels map[string]any) bool {
	for k, v := range sel {
		if lv, ok := labels[k]; !ok || !sameScalar(lv, v) {
			return false
		}
	}
	return true
}

func sameScalar(a, b any) bool {
	return scalarString(a) == scalarString(b)
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return "\x00"
}

// matches evaluates a LabelSelector (matchLabels and matchExpressions). An empty
// selector selects every pod.
func matches(sel, labels map[string]any) bool {
	if ml, ok := sel["matchLabels"].(map[string]any); ok && !subset(ml, labels) {
		return false
	}
	exprs, _ := sel["matchExpressions"].([]any)
	for _, e := range exprs {
		em, _ := e.(map[string]any)
		key := str(em["key"])
		v, has := labels[key]
		vals, _ := em["values"].([]any)
		in := slices.ContainsFunc(vals, func(x any) bool { return has && sameScalar(x, v) })
		switch str(em["operator"]) {
		case "In":
			if !in {
				return false
			}
		case "NotIn":
			if in {
				return false
			}
		case "Exists":
			if !has {
				return false
			}
		case "DoesNotExist":
			if has {
				return false
			}
		default:
			return false
		}
	}
	return true
}

type backend struct{ ptr, name string }

// ingressBackends lists the Service names an Ingress routes to, with the pointer of
// each name (networking.k8s.io/v1 and the older serviceName form).
func ingressBackends(ing map[string]any) []backend {
	var out []backend
	one := func(b any, ptr string) {
		bm, _ := b.(map[string]any)
		if svc, ok := bm["service"].(map[string]any); ok {
			if n := str(svc["name"]); n != "" {
				out = append(out, backend{ptr + "/service/name", n})
			}
		} else if n := str(bm["serviceName"]); n != "" {
			out = append(out, backend{ptr + "/serviceName", n})
		}
	}
	spec, _ := ing["spec"].(map[string]any)
	if b, ok := spec["defaultBackend"]; ok {
		one(b, "/spec/defaultBackend")
	}
	if b, ok := spec["backend"]; ok {
		one(b, "/spec/backend")
	}
	rules, _ := spec["rules"].([]any)
	for i, rl := range rules {
		paths, _ := lookup(rl, "http", "paths").([]any)
		for j, p := range paths {
			pm, _ := p.(map[string]any)
			if b, ok := pm["backend"]; ok {
				one(b, "/spec/rules/"+strconv.Itoa(i)+"/http/paths/"+strconv.Itoa(j)+"/backend")
			}
		}
	}
	return out
}
