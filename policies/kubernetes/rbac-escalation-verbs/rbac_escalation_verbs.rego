# METADATA
# title: Do not grant escalate, bind or impersonate
# description: |
#   A role grants the escalate, bind or impersonate verb.
#
#   escalate and bind let a subject grant itself permissions it lacks; impersonate lets it
#   act as any user or group. These are cluster-admin in disguise.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0043, KSV043, KSV-0050, KSV050, KSV-0052, KSV052]
package infralint.rules.kubernetes["rbac-escalation-verbs"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(sprintf("/rules/%d", [i]), sprintf("%s %q grants escalate, bind or impersonate", [input.kind, k8s.name])) if {
	input.kind in {"Role", "ClusterRole"}
	some i, r in input.rules
	some res in r.resources
	res in {"roles", "clusterroles", "users", "groups", "serviceaccounts", "rolebindings", "clusterrolebindings", "*"}
	some v in r.verbs
	v in {"escalate", "bind", "impersonate"}
}
