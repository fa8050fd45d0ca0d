# METADATA
# title: Let a PodDisruptionBudget allow one disruption
# description: |
#   A PodDisruptionBudget allows no voluntary disruption: `maxUnavailable: 0` or
#   `minAvailable: 100%`.
#
#   Such a budget blocks every node drain: cluster upgrades stall until someone deletes it
#   by hand. Allow at least one pod to be evicted (`maxUnavailable: 1`).
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/run-application/configure-pdb/
#     description: Specifying a Disruption Budget for your Application
# custom:
#   severity: warning
#   category: reliability
#   aliases: [pdbDisruptionsIsZero, pdb-max-unavailable, pdb-min-available]
package infralint.rules.kubernetes["pod-disruption-budget-blocks"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/maxUnavailable", sprintf("PodDisruptionBudget %q allows no disruption (maxUnavailable %v)", [k8s.name, input.spec.maxUnavailable])) if {
	input.kind == "PodDisruptionBudget"
	input.spec.maxUnavailable in {0, "0", "0%"}
}

deny contains result.at("/spec/minAvailable", sprintf("PodDisruptionBudget %q allows no disruption (minAvailable %v)", [k8s.name, input.spec.minAvailable])) if {
	input.kind == "PodDisruptionBudget"
	input.spec.minAvailable == "100%"
}
