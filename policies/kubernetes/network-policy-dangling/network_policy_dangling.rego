# METADATA
# title: Make NetworkPolicies select pods
# description: |
#   A NetworkPolicy selects none of the workloads of its set (chart or directory).
#
#   A policy whose podSelector matches nothing isolates nothing: its selector has drifted
#   from the workload's labels. Fix `spec.podSelector`. (Checked only when the set has
#   workloads and no custom resources, which may create pods of their own.)
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/network-policies/
#     description: Network Policies
# custom:
#   severity: warning
#   category: security
#   aliases: [dangling-networkpolicy, networkpolicy-targets-pod]
package infralint.rules.kubernetes["network-policy-dangling"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/podSelector", sprintf("NetworkPolicy %q selects no workload of its set", [k8s.name])) if {
	input.kind == "NetworkPolicy"
	k8s.set_has_carriers
	input.set.custom_resources == 0
	count(input.related.targets) == 0
}
