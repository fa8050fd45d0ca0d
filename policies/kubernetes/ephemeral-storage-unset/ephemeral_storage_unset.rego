# METADATA
# title: Set ephemeral-storage requests and limits
# description: |
#   The container sets no ephemeral-storage request or limit.
#
#   Logs, emptyDir volumes and the writable layer use the node's disk; a container without
#   a limit can fill it and get every pod of the node evicted. Set `resources.requests`
#   and `resources.limits` for `ephemeral-storage`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     description: Resource Management for Pods and Containers
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [container-ephemeral-storage-request-and-limit]
package infralint.rules.kubernetes["ephemeral-storage-unset"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/resources"), sprintf("container %q sets no ephemeral-storage request and limit", [c.name])) if {
	some c in k8s.app_containers
	not _both(c)
}

_both(c) if {
	c.resources.requests["ephemeral-storage"]
	c.resources.limits["ephemeral-storage"]
}
