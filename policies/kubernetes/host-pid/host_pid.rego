# METADATA
# title: Do not share the host PID namespace
# description: |
#   A pod with `hostPID: true` sees every process of the node.
#
#   It can read other containers' environment and memory and signal their processes. The
#   Baseline Pod Security Standard forbids it. Remove `hostPID`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0010, KSV010, host-pid, hostPIDSet, CKV_K8S_17]
package infralint.rules.kubernetes["host-pid"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/hostPID"), sprintf("%s %q shares the host PID namespace", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.hostPID == true
}
