# METADATA
# title: Do not expose SSH
# description: |
#   A container exposes port 22.
#
#   An SSH server in a container is a second way in that bypasses the cluster's access
#   control and audit. Use `kubectl exec` or an ephemeral debug container instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container
#     description: Debugging with an ephemeral debug container
# custom:
#   severity: warning
#   category: security
#   aliases: [ssh-port]
package infralint.rules.kubernetes["ssh-port"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, sprintf("/ports/%d/containerPort", [i])), sprintf("container %q exposes SSH on port 22", [c.name])) if {
	some c in k8s.containers
	some i, p in c.ports
	p.containerPort == 22
}
