# METADATA
# title: Set a cpu limits
# description: |
#   The container sets no cpu limits.
#
#   Without a cpu limit one container can take the whole node's cpu, starving its
#   neighbours. Set `resources.limits.cpu`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     description: Resource Management for Pods and Containers
# custom:
#   severity: info
#   category: efficiency
#   enabled: false
#   aliases: [KSV-0011, KSV011, cpuLimitsMissing, CKV_K8S_11]
package infralint.rules.kubernetes["cpu-limits-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/resources/limits/cpu"), sprintf("container %q has no cpu limit", [c.name])) if {
	some c in k8s.containers
	c.type != "ephemeral"
	not c.resources.limits.cpu
}
