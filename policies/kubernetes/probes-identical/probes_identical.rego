# METADATA
# title: Make liveness and readiness probes differ
# description: |
#   The container's liveness and readiness probes are identical.
#
#   A readiness probe takes a pod out of the Service when it is busy; an identical
#   liveness probe then also restarts it, turning a load spike into a restart storm. Make
#   the liveness probe check only that the process is alive, with a higher failure
#   threshold.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
#     description: Configure Liveness, Readiness and Startup Probes
# custom:
#   severity: info
#   category: reliability
#   aliases: [pod-probes-identical]
package infralint.rules.kubernetes["probes-identical"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/livenessProbe"), sprintf("container %q has identical liveness and readiness probes", [c.name])) if {
	some c in k8s.app_containers
	c.livenessProbe == c.readinessProbe
}
