# METADATA
# title: Drop all capabilities
# description: |
#   The container does not drop ALL capabilities.
#
#   A container starts with the runtime's default capabilities (NET_RAW among them, which
#   allows forging packets). The Restricted Pod Security Standard requires
#   `capabilities.drop: [ALL]`; add back only NET_BIND_SERVICE if the process binds a port
#   below 1024.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0106, KSV106, KSV-0003, KSV003, KSV-0004, KSV004, insecureCapabilities, drop-net-raw-capability, CKV_K8S_28, CKV_K8S_37]
package infralint.rules.kubernetes["capabilities-not-dropped"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/capabilities/drop"), sprintf("container %q does not drop ALL capabilities", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not _drops_all(c)
}

_drops_all(c) if {
	some d in c.securityContext.capabilities.drop
	upper(d) in {"ALL", "CAP_ALL"}
}
