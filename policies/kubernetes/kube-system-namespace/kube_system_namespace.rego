# METADATA
# title: Keep applications out of kube-system
# description: |
#   A workload is placed in the `kube-system` namespace.
#
#   kube-system holds the cluster's own components and their privileges; an application
#   there shares them and is hard to tell apart from the control plane. Use a namespace of
#   its own.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces
#     description: Initial namespaces
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0037, KSV037]
package infralint.rules.kubernetes["kube-system-namespace"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/metadata/namespace", sprintf("%s %q is placed in kube-system", [k8s.kind, k8s.name])) if {
	k8s.carrier
	input.metadata.namespace == "kube-system"
}
