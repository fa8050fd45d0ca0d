# METADATA
# title: Mount the root filesystem read-only
# description: |
#   The container does not set `readOnlyRootFilesystem: true`.
#
#   A writable root filesystem lets an attacker who gets in drop tools and change
#   binaries, and lets the application write state that is lost on restart. Set
#   `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the process
#   must write.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#     description: Configure a Security Context for a Pod or Container
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0014, KSV014, no-read-only-root-fs, notReadOnlyRootFilesystem, container-security-context-readonlyrootfilesystem, CKV_K8S_22]
package infralint.rules.kubernetes["read-only-root-filesystem"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/readOnlyRootFilesystem"), sprintf("container %q has a writable root filesystem", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not c.securityContext.readOnlyRootFilesystem == true
}
