# METADATA
# title: Limit who may create pods
# description: |
#   A role may create pods or workloads.
#
#   Whoever may create a pod may run it with any service account of the namespace and
#   mount its Secrets: it is a path to every permission there. Grant it only to deployment
#   tooling.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Role Based Access Control Good Practices
# custom:
#   severity: info
#   category: security
#   aliases: [access-to-create-pods, KSV-0048, KSV048]
package infralint.rules.kubernetes["rbac-create-pods"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(sprintf("/rules/%d", [i]), sprintf("%s %q may create pods", [input.kind, k8s.name])) if {
	input.kind in {"Role", "ClusterRole"}
	some i, r in input.rules
	some res in r.resources
	res in {"pods", "deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs"}
	some v in r.verbs
	v in {"create"}
}
