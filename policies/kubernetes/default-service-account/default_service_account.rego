# METADATA
# title: Give workloads their own service account
# description: |
#   The pod runs under the namespace's `default` service account.
#
#   Rights granted to the default account go to every pod of the namespace that does not
#   choose another. Create a ServiceAccount per workload and set `serviceAccountName`.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
#     description: Configure Service Accounts for Pods
# custom:
#   severity: info
#   category: security
#   aliases: [default-service-account]
package infralint.rules.kubernetes["default-service-account"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/serviceAccountName"), sprintf("%s %q runs as the default service account", [k8s.kind, k8s.name])) if {
	k8s.long_running
	object.get(k8s.pod_spec, "serviceAccountName", "default") == "default"
	not k8s.pod_spec.automountServiceAccountToken == false
}
