# METADATA
# title: Set a memory requests
# description: |
#   The container sets no memory requests.
#
#   The scheduler places pods by their requests: without a memory request the pod may land
#   on a node that cannot run it, and it is the first evicted under pressure. Set
#   `resources.requests.memory` to what the container needs at steady load.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     description: Resource Management for Pods and Containers
# custom:
#   severity: warning
#   category: reliability
#   aliases: [KSV-0016, KSV016, unset-memory-requirements, memoryRequestsMissing, CKV_K8S_12]
package infralint.rules.kubernetes["memory-requests-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/resources/requests/memory"), sprintf("container %q has no memory request", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not c.resources.requests.memory
}
