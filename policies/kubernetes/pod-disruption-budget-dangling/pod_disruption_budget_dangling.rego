# METADATA
# title: Make PodDisruptionBudgets select pods
# description: |
#   A PodDisruptionBudget selects none of the workloads of its set (chart or directory).
#
#   A budget that matches no pod protects nothing: its selector has drifted from the
#   workload's labels. Fix the selector. (Checked only when the set has workloads and no
#   custom resources, which may create pods of their own.)
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/run-application/configure-pdb/
#     description: Specifying a Disruption Budget for your Application
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.kubernetes["pod-disruption-budget-dangling"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/selector", sprintf("PodDisruptionBudget %q selects no workload of its set", [k8s.name])) if {
	input.kind == "PodDisruptionBudget"
	k8s.set_has_carriers
	input.set.custom_resources == 0
	count(input.related.targets) == 0
}
