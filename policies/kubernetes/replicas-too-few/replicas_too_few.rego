# METADATA
# title: Run at least two replicas
# description: |
#   A Deployment or StatefulSet runs fewer than two replicas and no
#   HorizontalPodAutoscaler scales it.
#
#   With one replica every node drain, rollout or crash is an outage. Run at least two
#   (the `min_replicas` option), or let a HorizontalPodAutoscaler in the same set manage
#   the count.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#scaling-a-deployment
#     description: Scaling a Deployment
#   - ref: https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
#     description: "Kubernetes: disruptions"
# custom:
#   severity: warning
#   category: reliability
#   aliases: [minimum-three-replicas, deploymentMissingReplicas, deployment-replicas]
#   options:
#     min_replicas:
#       type: number
#       default: 2
#       description: The smallest number of replicas that survives losing one pod.
package infralint.rules.kubernetes["replicas-too-few"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/replicas", sprintf("%s %q runs %d replica(s); fewer than %d", [k8s.kind, k8s.name, k8s.replicas, options.min_replicas])) if {
	input.kind in {"Deployment", "StatefulSet"}
	k8s.replicas < options.min_replicas
	k8s.replicas > 0
	not k8s.autoscaled
}
