# METADATA
# title: Do not mount API tokens into pods that do not need them
# description: |
#   The pod does not set `automountServiceAccountToken: false`.
#
#   Every pod gets a token for the Kubernetes API by default; a process that is
#   compromised can use it with all the rights of its service account. Set
#   `automountServiceAccountToken: false` on the pod (or its ServiceAccount) unless it
#   talks to the API.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
#     description: Configure Service Accounts for Pods
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [KSV-0036, KSV036, automountServiceAccountToken, CKV_K8S_38]
package infralint.rules.kubernetes["service-account-token-automount"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/automountServiceAccountToken"), sprintf("%s %q mounts a service account token", [k8s.kind, k8s.name])) if {
	k8s.carrier
	not k8s.pod_spec.automountServiceAccountToken == false
}
