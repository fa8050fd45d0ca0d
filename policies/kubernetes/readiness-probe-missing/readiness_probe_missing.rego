# METADATA
# title: Give serving containers a readiness probe
# description: |
#   A container of a Deployment, StatefulSet, DaemonSet or ReplicaSet has no readiness
#   probe.
#
#   Without one, a Service sends traffic to a pod as soon as its process starts, before it
#   can answer, and keeps sending it while the pod is overloaded: every rollout drops
#   requests. Add a `readinessProbe` that succeeds only when the container can serve.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
#     description: Configure Liveness, Readiness and Startup Probes
# custom:
#   severity: warning
#   category: reliability
#   aliases: [no-readiness-probe, readinessProbeMissing, pod-probes, CKV_K8S_9]
package infralint.rules.kubernetes["readiness-probe-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/readinessProbe"), sprintf("container %q has no readiness probe", [c.name])) if {
	k8s.long_running
	some c in k8s.app_containers
	not c.readinessProbe
}
