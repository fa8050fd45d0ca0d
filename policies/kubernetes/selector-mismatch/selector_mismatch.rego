# METADATA
# title: Match the selector to the pod template labels
# description: |
#   A workload's `spec.selector` does not match its pod template's labels.
#
#   The API server rejects such a Deployment, StatefulSet, DaemonSet or ReplicaSet, or,
#   for older API versions, the controller never finds its own pods. Make the selector's
#   matchLabels a subset of the template labels.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector
#     description: Deployment selector
# custom:
#   severity: error
#   category: reliability
#   aliases: [mismatching-selector, deployment-pod-selector-labels-match-template-metadata-labels, statefulset-pod-selector-labels-match-template-metadata-labels]
package infralint.rules.kubernetes["selector-mismatch"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/selector", sprintf("%s %q selector does not match its pod template labels", [k8s.kind, k8s.name])) if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"}
	sel := input.spec.selector
	labels := object.get(k8s.pod_metadata, "labels", {})
	not k8s.label_selected(sel, labels)
}
