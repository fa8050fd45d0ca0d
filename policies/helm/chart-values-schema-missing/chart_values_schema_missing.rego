# METADATA
# title: Ship a values.schema.json
# description: |
#   The chart has values but no values.schema.json.
#
#   Without a schema, a typo in a values file (`replicaCout: 3`) or a string where a
#   number belongs is silently ignored or renders a broken manifest. A JSON Schema makes
#   `helm install`, `helm template` and infralint reject bad values up front.
# related_resources:
#   - ref: https://helm.sh/docs/topics/charts/#schema-files
#     description: "Helm charts: schema files"
# custom:
#   severity: info
#   category: reliability
package infralint.rules.helm["chart-values-schema-missing"]

import data.infralint.lib.result

deny contains result.at("/chart/name", sprintf("chart %q has values but no values.schema.json", [input.chart.name])) if {
	count(input.values) > 0
	not input.has_values_schema
	not input.chart.type == "library"
}
