# METADATA
# title: Do not grant exec or attach into pods
# description: |
#   A role may open a shell in pods (create on pods/exec or pods/attach).
#
#   exec into a pod runs commands with the pod's identity and secrets: it bypasses the
#   workload's own access control. Keep it for break-glass roles.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0053, KSV053, clusterrolePodExecAttach, rolePodExecAttach]
package infralint.rules.kubernetes["rbac-pod-exec"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(sprintf("/rules/%d", [i]), sprintf("%s %q may exec or attach into pods", [input.kind, k8s.name])) if {
	input.kind in {"Role", "ClusterRole"}
	some i, r in input.rules
	some res in r.resources
	res in {"pods/exec", "pods/attach"}
	some v in r.verbs
	v in {"create", "get"}
}
