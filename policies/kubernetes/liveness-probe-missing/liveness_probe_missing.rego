# METADATA
# title: Give long-running containers a liveness probe
# description: |
#   A container of a Deployment, StatefulSet, DaemonSet or ReplicaSet has no liveness
#   probe.
#
#   Without one, a process that hangs without exiting keeps its pod "Running" forever:
#   Kubernetes restarts only what it knows is dead. Add a `livenessProbe` that fails when
#   the process can no longer make progress (and not when a dependency is down).
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
#     description: Configure Liveness, Readiness and Startup Probes
# custom:
#   severity: warning
#   category: reliability
#   aliases: [no-liveness-probe, livenessProbeMissing, CKV_K8S_8]
package infralint.rules.kubernetes["liveness-probe-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/livenessProbe"), sprintf("container %q has no liveness probe", [c.name])) if {
	k8s.long_running
	some c in k8s.app_containers
	not c.livenessProbe
}
