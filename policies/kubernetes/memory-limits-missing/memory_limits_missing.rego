# METADATA
# title: Set a memory limits
# description: |
#   The container sets no memory limits.
#
#   Without a memory limit one container can take the whole node's memory, starving its
#   neighbours until the kernel kills processes. Set `resources.limits.memory`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     description: Resource Management for Pods and Containers
# custom:
#   severity: warning
#   category: efficiency
#   aliases: [KSV-0018, KSV018, memoryLimitsMissing, CKV_K8S_13, container-resources]
package infralint.rules.kubernetes["memory-limits-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/resources/limits/memory"), sprintf("container %q has no memory limit", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not c.resources.limits.memory
}
