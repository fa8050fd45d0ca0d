# METADATA
# title: Do not grant wildcard RBAC rules
# description: |
#   A Role or ClusterRole grants `*` verbs, resources or API groups.
#
#   A wildcard grants every current and future permission of its kind, including ones that
#   did not exist when the rule was written. List the verbs and resources the workload
#   needs.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: warning
#   category: security
#   aliases: [wildcard-in-rules, KSV-0044, KSV044, KSV-0045, KSV045, KSV-0046, KSV046, CKV_K8S_49]
package infralint.rules.kubernetes["rbac-wildcard"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(sprintf("/rules/%d/%s/%d", [i, f, j]), sprintf("%s %q grants %s * ", [input.kind, k8s.name, f])) if {
	input.kind in {"Role", "ClusterRole"}
	some i, r in input.rules
	some f in ["verbs", "resources", "apiGroups"]
	some j, v in r[f]
	v == "*"
}
