# METADATA
# description: |
#   Helpers over the Kubernetes input: one object, as decoded, plus `containers` (every
#   init, regular and ephemeral container with its `ptr`, `type` and `image_ref`),
#   `pod_spec_ptr`, `origin`, `related` (relations to the other objects of the set) and
#   `set` (what the set holds). See `infralint parse manifest.yaml`.
package infralint.lib.k8s

# kind is the object's kind.
kind := input.kind

# name is metadata.name: "" when unset, or not a string (a template that renders
# `name: {{ .Values.missing }}` gives null, which messages would show as "null").
name := n if {
	n := object.get(input, ["metadata", "name"], "")
	is_string(n)
} else := ""

# carrier is true for objects with a pod spec.
carrier if input.pod_spec_ptr

_spec_path := split(trim_prefix(input.pod_spec_ptr, "/"), "/")

# pod_spec is the pod spec of a carrier.
pod_spec := object.get(input, _spec_path, {}) if carrier

# pod_template_ptr is the pointer of the pod template (the Pod itself for a Pod).
pod_template_ptr := trim_suffix(input.pod_spec_ptr, "/spec") if carrier

# pod_metadata is the pod template's metadata.
pod_metadata := object.get(input, array.concat(array.slice(_spec_path, 0, count(_spec_path) - 1), ["metadata"]), {}) if carrier

# spec_ptr joins a pointer below the pod spec.
spec_ptr(rest) := concat("", [input.pod_spec_ptr, rest])

# containers are all containers (init, regular, ephemeral).
containers contains c if some c in input.containers

# app_containers are the regular containers: the ones that serve and get probes.
app_containers contains c if {
	some c in input.containers
	c.type == "container"
}

# long_running is a carrier whose pods are meant to keep running.
long_running if input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"}

# replicated is a workload that runs several copies of its pod by design.
replicated if input.kind in {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

# replicas is spec.replicas, 1 when unset (the API default).
replicas := object.get(input, ["spec", "replicas"], 1) if replicated

# autoscaled is a workload a HorizontalPodAutoscaler of the set targets.
autoscaled if count(object.get(input, ["related", "autoscalers"], [])) > 0

# rendered is an object rendered from a Helm chart.
rendered if input.origin.chart

# sc returns a securityContext field of a container.
sc(c, field) := c.securityContext[field]

# pod_sc returns a pod securityContext field.
pod_sc(field) := pod_spec.securityContext[field]

# effective returns a field that a container sets or else inherits from the pod.
effective(c, field) := c.securityContext[field]

effective(c, field) := pod_spec.securityContext[field] if not _has(object.get(c, "securityContext", {}), field)

_has(obj, field) if _ = obj[field]

# has is true when obj has the field, whatever its value (false and 0 included).
has(obj, field) if _ = obj[field]

# ptr_of joins a container's pointer and a path.
ptr_of(c, rest) := concat("", [c.ptr, rest])

# label_selected is true when every matchLabels entry of sel is in labels.
label_selected(sel, labels) if {
	ml := object.get(sel, "matchLabels", {})
	every k, v in ml {
		labels[k] == v
	}
}

# set_has_carriers is true when the set holds at least one pod-spec carrier, so a
# selector that matches none of them is dangling rather than aimed elsewhere.
set_has_carriers if {
	some k in {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"}
	input.set.kinds[k] > 0
}
