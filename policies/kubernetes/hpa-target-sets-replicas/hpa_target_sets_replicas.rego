# METADATA
# title: Leave replicas unset on autoscaled workloads
# description: |
#   A workload that a HorizontalPodAutoscaler scales also sets `spec.replicas`.
#
#   Every `kubectl apply` or `helm upgrade` resets the replica count to the manifest's
#   value, undoing the autoscaler until it reacts again: a traffic peak can meet a
#   shrunken workload. Remove `replicas` from the manifest.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
#     description: Horizontal Pod Autoscaling
# custom:
#   severity: warning
#   category: reliability
#   aliases: [deployment-targeted-by-hpa-does-not-have-replicas-configured]
package infralint.rules.kubernetes["hpa-target-sets-replicas"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/replicas", sprintf("%s %q sets replicas although HorizontalPodAutoscaler %s scales it", [k8s.kind, k8s.name, input.related.autoscalers[0]])) if {
	k8s.replicated
	k8s.autoscaled
	k8s.has(input.spec, "replicas")
}
