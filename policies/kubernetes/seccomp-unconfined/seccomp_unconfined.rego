# METADATA
# title: Do not disable seccomp
# description: |
#   The pod or a container sets its seccomp profile to Unconfined.
#
#   Seccomp blocks the system calls a container never needs, which closes many kernel
#   exploits; Unconfined turns it off. The Baseline Pod Security Standard forbids it. Use
#   RuntimeDefault, or a Localhost profile made for the workload.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0104, KSV104]
package infralint.rules.kubernetes["seccomp-unconfined"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/securityContext/seccompProfile/type"), sprintf("%s %q disables seccomp", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.securityContext.seccompProfile.type == "Unconfined"
}

deny contains result.at(k8s.ptr_of(c, "/securityContext/seccompProfile/type"), sprintf("container %q disables seccomp", [c.name])) if {
	some c in k8s.containers
	c.securityContext.seccompProfile.type == "Unconfined"
}
