# METADATA
# title: Expose Services through a shared entry point
# description: |
#   A Service has type LoadBalancer.
#
#   Each LoadBalancer Service provisions its own cloud load balancer, reachable from the
#   internet unless annotated otherwise, with its own cost and no TLS or access rules.
#   Prefer a ClusterIP Service behind an Ingress or Gateway; restrict
#   `loadBalancerSourceRanges` when a load balancer is needed.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/
#     description: Kubernetes Services
# custom:
#   severity: info
#   category: security
#   enabled: false
package infralint.rules.kubernetes["service-loadbalancer"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/type", sprintf("Service %q provisions its own load balancer", [k8s.name])) if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	count(object.get(input.spec, "loadBalancerSourceRanges", [])) == 0
}
