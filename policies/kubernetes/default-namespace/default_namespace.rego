# METADATA
# title: Do not deploy into the default namespace
# description: |
#   An object is placed in the `default` namespace.
#
#   The default namespace is shared by everything deployed without thought: its RBAC,
#   quotas and policies fit nobody. Give each application its own namespace. (Objects of a
#   Helm chart without a namespace take the release's and are not reported.)
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#working-with-namespaces
#     description: Working with namespaces
# custom:
#   severity: info
#   category: maintainability
#   aliases: [KSV-0110, KSV110, use-namespace, CKV_K8S_21]
package infralint.rules.kubernetes["default-namespace"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/metadata/namespace", sprintf("%s %q is placed in the default namespace", [k8s.kind, k8s.name])) if {
	input.metadata.namespace == "default"
	not k8s.rendered
}
