# METADATA
# title: Do not unmask /proc
# description: |
#   A container sets `procMount: Unmasked`.
#
#   The default /proc mount hides paths that reveal or change the node's kernel state;
#   Unmasked exposes them. The Baseline Pod Security Standard requires the Default proc
#   mount. Remove `procMount`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0027, KSV027, unsafe-proc-mount, procMount]
package infralint.rules.kubernetes["proc-mount-unmasked"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/procMount"), sprintf("container %q unmasks /proc", [c.name])) if {
	some c in k8s.containers
	c.securityContext.procMount
	c.securityContext.procMount != "Default"
}
