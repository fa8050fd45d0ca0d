# METADATA
# title: Do not run Windows HostProcess containers
# description: |
#   A Windows container with `hostProcess: true` runs directly on the node, as a process
#   of the host.
#
#   It has the node's privileges and none of a container's isolation. The Baseline Pod
#   Security Standard forbids it. Remove `windowsOptions.hostProcess`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0103, KSV103, hostProcess]
package infralint.rules.kubernetes["host-process"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/securityContext/windowsOptions/hostProcess"), sprintf("%s %q runs HostProcess containers", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.securityContext.windowsOptions.hostProcess == true
}

deny contains result.at(k8s.ptr_of(c, "/securityContext/windowsOptions/hostProcess"), sprintf("container %q is a HostProcess container", [c.name])) if {
	some c in k8s.containers
	c.securityContext.windowsOptions.hostProcess == true
}
