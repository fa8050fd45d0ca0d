# METADATA
# title: Probe a port the container declares
# description: |
#   A probe names a port by name that the container does not declare.
#
#   A named probe port that is not in the container's `ports` never resolves: the probe
#   fails and the pod is never ready or is restarted in a loop. Declare the port with that
#   name, or probe it by number.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
#     description: Configure Liveness, Readiness and Startup Probes
# custom:
#   severity: warning
#   category: reliability
#   aliases: [liveness-port, readiness-port, startup-port]
package infralint.rules.kubernetes["probe-port-not-exposed"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, sprintf("/%s/%s/port", [probe, handler])), sprintf("container %q %s uses port %q, which it does not declare", [c.name, probe, port])) if {
	some c in k8s.containers
	some probe in ["livenessProbe", "readinessProbe", "startupProbe"]
	some handler in ["httpGet", "tcpSocket"]
	port := c[probe][handler].port
	is_string(port)
	not _declared(c, port)
}

_declared(c, port) if {
	some p in c.ports
	p.name == port
}
