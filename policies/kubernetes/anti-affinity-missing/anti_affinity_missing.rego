# METADATA
# title: Spread replicas across nodes
# description: |
#   A Deployment or StatefulSet with several replicas has neither pod anti-affinity nor
#   topology spread constraints.
#
#   The scheduler may put every replica on the same node or zone; losing it loses them
#   all. Add `topologySpreadConstraints` (or a preferred pod anti-affinity) on
#   `kubernetes.io/hostname` or the zone label.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
#     description: Pod Topology Spread Constraints
# custom:
#   severity: info
#   category: reliability
#   aliases: [no-anti-affinity, deployment-has-host-podantiaffinity, statefulset-has-host-podantiaffinity, topologySpreadConstraint, pod-topology-spread-constraints]
package infralint.rules.kubernetes["anti-affinity-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/affinity"), sprintf("%s %q does not spread its replicas across nodes", [k8s.kind, k8s.name])) if {
	input.kind in {"Deployment", "StatefulSet"}
	k8s.replicas > 1
	not k8s.pod_spec.affinity.podAntiAffinity
	not count(object.get(k8s.pod_spec, "topologySpreadConstraints", [])) > 0
}
