# METADATA
# title: Keep pods serving during a rolling update
# description: |
#   A rolling update may take every replica down at once: `maxUnavailable` is 100% or at
#   least the replica count.
#
#   Such settings turn a rolling update into a Recreate: all old pods stop before new ones
#   are ready. Set `maxUnavailable` below the replica count (25% or 1) and a non-zero
#   `maxSurge`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
#     description: Deployment strategy
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.kubernetes["rolling-update-all-unavailable"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/strategy/rollingUpdate/maxUnavailable", sprintf("Deployment %q may stop every replica during a rollout (maxUnavailable %v)", [k8s.name, mu])) if {
	input.kind == "Deployment"
	mu := input.spec.strategy.rollingUpdate.maxUnavailable
	_all(mu)
}

_all(mu) if mu == "100%"

_all(mu) if {
	is_number(mu)
	mu >= k8s.replicas
}
