# METADATA
# title: Isolate workloads with a NetworkPolicy
# description: |
#   No NetworkPolicy of the workload's set (chart or directory) selects its pods.
#
#   Pods accept traffic from every other pod of the cluster until a NetworkPolicy selects
#   them: one compromised pod can reach them all. Ship a NetworkPolicy with the workload
#   that allows only the traffic it needs. Off by default: many teams manage policies
#   centrally.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/network-policies/
#     description: Network Policies
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [non-isolated-pod, missingNetworkPolicy, pod-networkpolicy]
package infralint.rules.kubernetes["network-policy-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("", sprintf("%s %q is not selected by any NetworkPolicy of its set", [k8s.kind, k8s.name])) if {
	k8s.long_running
	count(input.related.network_policies) == 0
}
