# METADATA
# title: Label objects with the recommended app.kubernetes.io labels
# description: |
#   A workload or Service lacks one of the recommended labels (by default
#   `app.kubernetes.io/name` and `app.kubernetes.io/instance`).
#
#   Tools (dashboards, cost reports, `kubectl get -l`) rely on the common labels to tell
#   which application and which instance an object belongs to. Set them on every object;
#   Helm charts usually do it in a `labels` helper.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
#     description: Recommended Labels
#   - ref: https://helm.sh/docs/chart_best_practices/labels/
#     description: "Helm: labels and annotations"
# custom:
#   severity: info
#   category: maintainability
#   enabled: false
#   options:
#     labels:
#       type: array
#       default: ["app.kubernetes.io/name", "app.kubernetes.io/instance"]
#       description: The labels every workload, Service and Ingress must carry.
package infralint.rules.kubernetes["recommended-labels-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/metadata/labels", sprintf("%s %q has no %s label", [k8s.kind, k8s.name, l])) if {
	input.kind in {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Service", "Ingress"}
	some l in options.labels
	not input.metadata.labels[l]
}
