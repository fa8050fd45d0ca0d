# METADATA
# title: Do not bind host ports
# description: |
#   A container port sets `hostPort`, binding a port of the node.
#
#   Each node can run only one pod with that port, which limits scheduling and replicas,
#   and the pod is reachable from outside the cluster without a Service or NetworkPolicy
#   in between. The Baseline Pod Security Standard forbids host ports. Expose the pod
#   through a Service instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0024, KSV024, hostPortSet, CKV_K8S_26]
package infralint.rules.kubernetes["host-port"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, sprintf("/ports/%d/hostPort", [i])), sprintf("container %q binds host port %v", [c.name, p.hostPort])) if {
	some c in k8s.containers
	some i, p in c.ports
	p.hostPort > 0
}
