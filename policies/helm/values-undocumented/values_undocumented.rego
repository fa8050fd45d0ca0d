# METADATA
# title: Document every value
# description: |
#   A top-level key of values.yaml has no comment above it.
#
#   values.yaml is the chart's interface: users read it to learn what they can set. Helm's
#   convention is a comment above each value that starts with its name (`# replicaCount is
#   the number of pods.`).
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/values/#document-valuesyaml
#     description: "Helm values: document values.yaml"
# custom:
#   severity: info
#   category: maintainability
#   enabled: false
package infralint.rules.helm["values-undocumented"]

import data.infralint.lib.result

deny contains result.at(k.ptr, sprintf("value %q has no comment", [k.key])) if {
	some k in input.values_keys
	k.comment == ""
}
