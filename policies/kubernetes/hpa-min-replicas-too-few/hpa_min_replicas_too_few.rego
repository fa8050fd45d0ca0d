# METADATA
# title: Let autoscalers keep at least two replicas
# description: |
#   A HorizontalPodAutoscaler may scale its workload down to a single replica.
#
#   At one replica, every rollout or node drain is an outage. Set `minReplicas` to at
#   least 2.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
#     description: Horizontal Pod Autoscaling
# custom:
#   severity: info
#   category: reliability
#   aliases: [hpa-minimum-three-replicas, hpaMinAvailability]
package infralint.rules.kubernetes["hpa-min-replicas-too-few"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/minReplicas", sprintf("HorizontalPodAutoscaler %q may scale down to %d replica", [k8s.name, n])) if {
	input.kind == "HorizontalPodAutoscaler"
	n := object.get(input.spec, "minReplicas", 1)
	n < 2
}
