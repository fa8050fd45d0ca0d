# METADATA
# title: Set only safe sysctls
# description: |
#   The pod sets a sysctl outside the safe set.
#
#   Unsafe sysctls change kernel settings that other pods on the node share. The Baseline
#   Pod Security Standard allows only kernel.shm_rmid_forced,
#   net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start,
#   net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports
#   and the net.ipv4.tcp_keepalive_* / tcp_fin_timeout settings. Remove the sysctl, or run
#   the workload on dedicated nodes.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0026, KSV026, unsafe-sysctls]
package infralint.rules.kubernetes["unsafe-sysctls"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_safe := {
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
}

deny contains result.at(k8s.spec_ptr(sprintf("/securityContext/sysctls/%d/name", [i])), sprintf("sysctl %s is not in the safe set", [s.name])) if {
	some i, s in k8s.pod_spec.securityContext.sysctls
	not s.name in _safe
}
