# METADATA
# title: Make Services select pods
# description: |
#   A Service's selector matches none of the workloads of its set (chart or directory).
#
#   Such a Service has no endpoints: every request to it fails. Its selector has drifted
#   from the pod template's labels. Fix `spec.selector`. (Checked only when the set has
#   workloads and no custom resources, which may create pods of their own; a Service
#   without a selector is left alone.)
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/
#     description: Kubernetes Services
# custom:
#   severity: warning
#   category: reliability
#   aliases: [dangling-service, service-targets-pod]
package infralint.rules.kubernetes["service-selector-dangling"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/selector", sprintf("Service %q selects no workload of its set", [k8s.name])) if {
	input.kind == "Service"
	input.related.has_selector
	k8s.set_has_carriers
	input.set.custom_resources == 0
	count(input.related.targets) == 0
}
