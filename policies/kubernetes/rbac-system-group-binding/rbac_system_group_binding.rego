# METADATA
# title: Do not bind roles to system groups
# description: |
#   A binding grants a role to system:anonymous, system:unauthenticated,
#   system:authenticated or system:masters.
#
#   system:anonymous and system:unauthenticated are everyone who can reach the API server,
#   system:authenticated is every account of the cluster, and system:masters bypasses
#   authorization entirely. Bind to named users, groups or service accounts.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0122, KSV122, KSV-01011, KSV-0123, KSV123]
package infralint.rules.kubernetes["rbac-system-group-binding"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_groups := {"system:anonymous", "system:unauthenticated", "system:authenticated", "system:masters"}

deny contains result.at(sprintf("/subjects/%d/name", [i]), sprintf("%s %q grants %s to %s", [input.kind, k8s.name, input.roleRef.name, s.name])) if {
	input.kind in {"RoleBinding", "ClusterRoleBinding"}
	some i, s in input.subjects
	s.name in _groups
}
