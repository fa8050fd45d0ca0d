# METADATA
# title: Do not run privileged containers
# description: |
#   A privileged container has every capability and access to all of the node's devices.
#
#   It is root on the node in all but name: escaping it is trivial. The Baseline Pod
#   Security Standard forbids it. Remove `privileged: true`; grant the one capability the
#   process needs instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0017, KSV017, privileged-container, runAsPrivileged, container-security-context-privileged, CKV_K8S_16]
package infralint.rules.kubernetes["privileged-container"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/privileged"), sprintf("container %q is privileged", [c.name])) if {
	some c in k8s.containers
	c.securityContext.privileged == true
}
