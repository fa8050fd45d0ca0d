# METADATA
# title: Run containers as a non-root user
# description: |
#   Neither the container nor the pod requires a non-root user.
#
#   A process that runs as root in the container is root on the node the moment it
#   escapes. The Restricted Pod Security Standard requires `runAsNonRoot: true`; a non-
#   zero `runAsUser` also keeps the process off root. Set `securityContext.runAsNonRoot:
#   true` on the pod.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0012, KSV012, run-as-non-root, runAsRootAllowed, CKV_K8S_23]
package infralint.rules.kubernetes["run-as-non-root"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/securityContext/runAsNonRoot"), sprintf("container %q may run as root", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not _non_root(c)
	not _non_root_uid(c)
	not _windows
}

_non_root(c) if k8s.effective(c, "runAsNonRoot") == true

_non_root_uid(c) if k8s.effective(c, "runAsUser") > 0

_windows if k8s.pod_spec.os.name == "windows"
