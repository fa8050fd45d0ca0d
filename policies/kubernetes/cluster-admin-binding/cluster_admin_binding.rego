# METADATA
# title: Do not bind cluster-admin
# description: |
#   A RoleBinding or ClusterRoleBinding grants the cluster-admin role.
#
#   cluster-admin can do anything anywhere: a workload bound to it that is compromised
#   owns the cluster. Bind a role with the permissions the subject needs.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: error
#   category: security
#   aliases: [cluster-admin-role-binding, KSV-0111, KSV111, clusterrolebindingClusterAdmin, rolebindingClusterAdminClusterRole]
package infralint.rules.kubernetes["cluster-admin-binding"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/roleRef/name", sprintf("%s %q grants cluster-admin", [input.kind, k8s.name])) if {
	input.kind in {"RoleBinding", "ClusterRoleBinding"}
	input.roleRef.name == "cluster-admin"
	input.roleRef.kind == "ClusterRole"
}
