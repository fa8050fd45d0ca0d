# METADATA
# title: Roll out Deployments without downtime
# description: |
#   A Deployment uses the Recreate strategy.
#
#   Recreate stops every old pod before starting new ones: each rollout is an outage. Use
#   RollingUpdate unless the pods truly cannot run side by side (a ReadWriteOnce volume),
#   and say so in a comment.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
#     description: Deployment strategy
# custom:
#   severity: info
#   category: reliability
#   aliases: [no-rolling-update-strategy, deployment-strategy]
package infralint.rules.kubernetes["deployment-strategy-recreate"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/strategy/type", sprintf("Deployment %q is replaced with downtime (strategy Recreate)", [k8s.name])) if {
	input.kind == "Deployment"
	input.spec.strategy.type == "Recreate"
}
