# METADATA
# title: Name values in camelCase
# description: |
#   A top-level key of values.yaml is not camelCase starting with a lower-case letter.
#
#   Helm's convention is camelCase values (`replicaCount`): keys with dashes cannot be
#   read as `.Values.my-key` in templates, and upper-case initials clash with Helm's
#   built-in objects. Rename the key (and its uses). Keys named after a dependency are
#   left alone.
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/values/#naming-conventions
#     description: "Helm values: naming conventions"
# custom:
#   severity: info
#   category: style
package infralint.rules.helm["values-key-naming"]

import data.infralint.lib.result

deny contains result.at(k.ptr, sprintf("value %q is not camelCase", [k.key])) if {
	some k in input.values_keys
	not regex.match(`^[a-z][a-zA-Z0-9]*$`, k.key)
	not k.key in _dependencies
}

# A dependency's values sit under its name or alias, which the subchart chose.
_dependencies contains d.name if some d in input.chart.dependencies

_dependencies contains d.alias if some d in input.chart.dependencies
