# METADATA
# title: Listen on ports above 1024
# description: |
#   A container port is below 1024.
#
#   Binding a port below 1024 needs root or NET_BIND_SERVICE inside the container. Listen
#   on a high port (8080) and let the Service map port 80 to it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
#     description: "Kubernetes Services: targetPort"
# custom:
#   severity: info
#   category: security
#   aliases: [KSV-0117, KSV117, privileged-ports]
package infralint.rules.kubernetes["privileged-port"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, sprintf("/ports/%d/containerPort", [i])), sprintf("container %q listens on privileged port %v", [c.name, p.containerPort])) if {
	some c in k8s.containers
	some i, p in c.ports
	p.containerPort < 1024
	p.containerPort > 0
}
