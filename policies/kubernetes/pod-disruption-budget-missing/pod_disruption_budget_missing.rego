# METADATA
# title: Protect replicated workloads with a PodDisruptionBudget
# description: |
#   A Deployment or StatefulSet with several replicas has no PodDisruptionBudget in its
#   set (chart or directory).
#
#   Without a PodDisruptionBudget, a node drain or cluster upgrade may evict every replica
#   at once. Add one with `maxUnavailable: 1` (or a `minAvailable` below the replica
#   count) whose selector matches the pods.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/run-application/configure-pdb/
#     description: Specifying a Disruption Budget for your Application
# custom:
#   severity: info
#   category: reliability
#   aliases: [missingPodDisruptionBudget, deployment-has-poddisruptionbudget, statefulset-has-poddisruptionbudget]
package infralint.rules.kubernetes["pod-disruption-budget-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("", sprintf("%s %q has no PodDisruptionBudget", [k8s.kind, k8s.name])) if {
	input.kind in {"Deployment", "StatefulSet"}
	_multi
	count(input.related.pod_disruption_budgets) == 0
}

_multi if k8s.replicas > 1

_multi if k8s.autoscaled
