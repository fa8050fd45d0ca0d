# METADATA
# title: Do not expose Services on node ports
# description: |
#   A Service has type NodePort.
#
#   A NodePort opens the same port on every node of the cluster, bypassing the Ingress and
#   its TLS and access rules. Use a ClusterIP Service behind an Ingress or Gateway.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/
#     description: Kubernetes Services
# custom:
#   severity: info
#   category: security
#   aliases: [exposed-services, service-type]
package infralint.rules.kubernetes["service-nodeport"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/type", sprintf("Service %q is exposed on every node (type NodePort)", [k8s.name])) if {
	input.kind == "Service"
	input.spec.type == "NodePort"
}
