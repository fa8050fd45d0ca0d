# METADATA
# title: Do not set runAsUser to 0
# description: |
#   The pod or a container sets `runAsUser: 0`, the root user.
#
#   Running as UID 0 gives the process root's privileges on everything the container can
#   reach. The Restricted Pod Security Standard forbids it. Set a non-zero UID, such as
#   10001, and build the image to work with it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0105, KSV105]
package infralint.rules.kubernetes["run-as-user-root"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/securityContext/runAsUser"), sprintf("%s %q runs as root (runAsUser 0)", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.securityContext.runAsUser == 0
}

deny contains result.at(k8s.ptr_of(c, "/securityContext/runAsUser"), sprintf("container %q runs as root (runAsUser 0)", [c.name])) if {
	some c in k8s.containers
	c.securityContext.runAsUser == 0
}
