# METADATA
# title: Route Ingresses to Services of the set
# description: |
#   An Ingress routes to a Service that is not in its set (chart or directory).
#
#   The route answers 503: the Service was renamed or never rendered. Fix the backend's
#   service name. (Checked only when the set has Services.)
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/
#     description: Kubernetes Ingress
# custom:
#   severity: warning
#   category: reliability
#   aliases: [dangling-ingress, ingress-targets-service]
package infralint.rules.kubernetes["ingress-backend-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(b.ptr, sprintf("Ingress %q routes to Service %q, which is not in its set", [k8s.name, b.service])) if {
	input.kind == "Ingress"
	input.set.kinds.Service > 0
	some b in input.related.backends
	not b.found
}
