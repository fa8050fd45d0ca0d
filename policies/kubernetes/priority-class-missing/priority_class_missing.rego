# METADATA
# title: Give workloads a priority class
# description: |
#   The pod spec sets no `priorityClassName`.
#
#   Under resource pressure the scheduler preempts lower-priority pods first; without a
#   class, critical and batch workloads compete as equals. Set a `priorityClassName`
#   defined for the cluster.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
#     description: Pod Priority and Preemption
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [priority-class-name, priorityClassNotSet]
package infralint.rules.kubernetes["priority-class-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/priorityClassName"), sprintf("%s %q sets no priority class", [k8s.kind, k8s.name])) if {
	k8s.long_running
	not k8s.pod_spec.priorityClassName
}
