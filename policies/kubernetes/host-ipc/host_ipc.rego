# METADATA
# title: Do not share the host IPC namespace
# description: |
#   A pod with `hostIPC: true` shares inter-process communication with the node.
#
#   It can read and write the shared memory of every process on the node. The Baseline Pod
#   Security Standard forbids it. Remove `hostIPC`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0008, KSV008, host-ipc, hostIPCSet, CKV_K8S_18]
package infralint.rules.kubernetes["host-ipc"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/hostIPC"), sprintf("%s %q shares the host IPC namespace", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.hostIPC == true
}
