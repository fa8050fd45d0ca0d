# METADATA
# title: Set a seccomp profile
# description: |
#   Neither the pod nor the container sets a seccomp profile.
#
#   Without a profile, the container runs unconfined on runtimes that do not default to
#   RuntimeDefault. The Restricted Pod Security Standard requires RuntimeDefault or
#   Localhost. Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0030, KSV030, container-seccomp-profile, CKV_K8S_31]
package infralint.rules.kubernetes["seccomp-profile-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/seccompProfile"), sprintf("container %q has no seccomp profile", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not k8s.effective(c, "seccompProfile")
}
