# METADATA
# title: Point autoscalers at a workload of the set
# description: |
#   A HorizontalPodAutoscaler's scaleTargetRef names no object of its set (chart or
#   directory).
#
#   The autoscaler scales nothing: the target was renamed or never rendered. Fix
#   `scaleTargetRef`. (Checked only when the set has workloads.)
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
#     description: Horizontal Pod Autoscaling
# custom:
#   severity: warning
#   category: reliability
#   aliases: [dangling-horizontalpodautoscaler, horizontalpodautoscaler-has-target]
package infralint.rules.kubernetes["hpa-target-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/scaleTargetRef/name", sprintf("HorizontalPodAutoscaler %q targets %s %q, which is not in its set", [k8s.name, input.spec.scaleTargetRef.kind, input.spec.scaleTargetRef.name])) if {
	input.kind == "HorizontalPodAutoscaler"
	k8s.set_has_carriers
	count(input.related.targets) == 0
}
