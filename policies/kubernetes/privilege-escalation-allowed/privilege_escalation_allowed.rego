# METADATA
# title: Forbid privilege escalation
# description: |
#   The container does not set `allowPrivilegeEscalation: false`.
#
#   Without it, a process can gain more privileges than its parent through setuid binaries
#   or file capabilities. The Restricted Pod Security Standard requires it to be false.
#   Set `securityContext.allowPrivilegeEscalation: false` on every container.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0001, KSV001, privilege-escalation-container, privilegeEscalationAllowed, CKV_K8S_20]
package infralint.rules.kubernetes["privilege-escalation-allowed"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/allowPrivilegeEscalation"), sprintf("container %q allows privilege escalation", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not c.securityContext.allowPrivilegeEscalation == false
}
