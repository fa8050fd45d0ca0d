# METADATA
# title: Limit access to Secrets
# description: |
#   A role may read Secrets (get, list or watch).
#
#   Reading Secrets gives every credential of the namespace (or of the cluster, for a
#   ClusterRole). Grant it only to the components that need it, by resourceNames where
#   possible.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: info
#   category: security
#   aliases: [access-to-secrets, KSV-0041, KSV041]
package infralint.rules.kubernetes["rbac-secrets-access"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(sprintf("/rules/%d", [i]), sprintf("%s %q may read Secrets", [input.kind, k8s.name])) if {
	input.kind in {"Role", "ClusterRole"}
	some i, r in input.rules
	some res in r.resources
	res in {"secrets"}
	some v in r.verbs
	v in {"get", "list", "watch"}
}
