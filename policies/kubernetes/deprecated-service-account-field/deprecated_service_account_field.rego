# METADATA
# title: Use serviceAccountName
# description: |
#   The pod spec sets the deprecated `serviceAccount` field.
#
#   `serviceAccount` is a deprecated alias of `serviceAccountName`; tools and policies
#   read only the latter. Rename the field.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
#     description: Configure Service Accounts for Pods
# custom:
#   severity: info
#   category: maintainability
#   aliases: [deprecated-service-account-field]
package infralint.rules.kubernetes["deprecated-service-account-field"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/serviceAccount"), sprintf("%s %q sets the deprecated serviceAccount field", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.serviceAccount
}
