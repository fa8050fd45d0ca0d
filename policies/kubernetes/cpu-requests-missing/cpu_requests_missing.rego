# METADATA
# title: Set a cpu requests
# description: |
#   The container sets no cpu requests.
#
#   The scheduler places pods by their requests: without a cpu request the pod may land on
#   a node that cannot run it, and it is the first evicted under pressure. Set
#   `resources.requests.cpu` to what the container needs at steady load.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     description: Resource Management for Pods and Containers
# custom:
#   severity: warning
#   category: reliability
#   aliases: [KSV-0015, KSV015, unset-cpu-requirements, cpuRequestsMissing, CKV_K8S_10]
package infralint.rules.kubernetes["cpu-requests-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/resources/requests/cpu"), sprintf("container %q has no cpu request", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not c.resources.requests.cpu
}
