# METADATA
# title: Do not use the host network namespace
# description: |
#   A pod with `hostNetwork: true` shares the node's network stack.
#
#   It can bind any port of the node, see every interface's traffic and reach services
#   that listen only on localhost, and it escapes NetworkPolicies. The Baseline Pod
#   Security Standard forbids it. Remove `hostNetwork`, and expose the pod through a
#   Service.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0009, KSV009, host-network, hostNetworkSet, CKV_K8S_19]
package infralint.rules.kubernetes["host-network"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/hostNetwork"), sprintf("%s %q uses the host network namespace", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.hostNetwork == true
}
