# METADATA
# title: Add only NET_BIND_SERVICE
# description: |
#   The container adds a capability other than NET_BIND_SERVICE.
#
#   The Restricted Pod Security Standard allows adding back only NET_BIND_SERVICE after
#   dropping ALL. Capabilities outside the default set are reported by `capabilities-
#   beyond-baseline`; this rule reports the default ones (CHOWN, SETUID …) that a hardened
#   workload should not need.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: info
#   category: security
package infralint.rules.kubernetes["capabilities-beyond-restricted"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_default := {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}

deny contains result.at(k8s.ptr_of(c, sprintf("/securityContext/capabilities/add/%d", [i])), sprintf("container %q adds capability %s", [c.name, cap])) if {
	some c in k8s.containers
	some i, cap in c.securityContext.capabilities.add
	trim_prefix(upper(cap), "CAP_") in _default
}
