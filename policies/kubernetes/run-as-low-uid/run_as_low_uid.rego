# METADATA
# title: Run with a UID and GID above 10000
# description: |
#   The container runs with a UID or GID of 10000 or less.
#
#   Low IDs collide with users of the node (system accounts, the first human users): a
#   process that escapes the container then acts as that user. Use IDs above 10000.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#     description: Configure a Security Context for a Pod or Container
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [KSV-0020, KSV020, KSV-0021, KSV021, container-security-context-user-group-id]
package infralint.rules.kubernetes["run-as-low-uid"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, sprintf("/securityContext/%s", [f])), sprintf("container %q runs with %s %v (not above 10000)", [c.name, f, id])) if {
	some c in k8s.containers
	some f in ["runAsUser", "runAsGroup"]
	id := k8s.effective(c, f)
	id > 0
	id <= 10000
}
