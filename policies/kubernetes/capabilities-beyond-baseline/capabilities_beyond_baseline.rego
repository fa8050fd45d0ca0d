# METADATA
# title: Add no capabilities beyond the default set
# description: |
#   The container adds a Linux capability outside the runtime's default set, such as
#   SYS_ADMIN or NET_RAW.
#
#   Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_MODULE or NET_RAW let a process
#   reconfigure the node, sniff or forge traffic, or load kernel modules. The Baseline Pod
#   Security Standard allows only the default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE,
#   FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID,
#   SYS_CHROOT). Remove the capability, or move the work that needs it out of the pod.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0022, KSV022, KSV-0005, KSV005, KSV-0119, KSV-0120, dangerousCapabilities, CKV_K8S_39]
package infralint.rules.kubernetes["capabilities-beyond-baseline"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_default := {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}

deny contains result.at(k8s.ptr_of(c, sprintf("/securityContext/capabilities/add/%d", [i])), sprintf("container %q adds capability %s", [c.name, cap])) if {
	some c in k8s.containers
	some i, cap in c.securityContext.capabilities.add
	not trim_prefix(upper(cap), "CAP_") in _default
}
