# METADATA
# title: Run pods through a controller
# description: |
#   A Pod is declared on its own, not through a Deployment, StatefulSet, DaemonSet or Job.
#
#   A bare Pod is not rescheduled when its node fails or is drained, and cannot be rolled
#   out or scaled. Wrap it in a Deployment (or a Job for one-off work).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs
#     description: Naked Pods vs ReplicaSets, Deployments, and Jobs
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.kubernetes["naked-pod"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("", sprintf("Pod %q is not managed by a controller", [k8s.name])) if {
	input.kind == "Pod"
	count(object.get(input.metadata, "ownerReferences", [])) == 0
	not _static
}

# A static pod of a node's manifest directory is managed by the kubelet.
_static if input.metadata.annotations["kubernetes.io/config.source"]
