# METADATA
# title: Name charts with lower-case letters, digits and dashes
# description: |
#   The chart's name is not lower case letters, digits and dashes.
#
#   Chart names become part of release and object names, which must be DNS-1123 labels;
#   upper case and underscores break, and dots are discouraged. Rename the chart, such as
#   `my-chart`.
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/conventions/#chart-names
#     description: "Helm chart conventions: chart names"
# custom:
#   severity: warning
#   category: style
package infralint.rules.helm["chart-name-invalid"]

import data.infralint.lib.result

deny contains result.at("/chart/name", sprintf("chart name %q is not lower-case letters, digits and dashes", [n])) if {
	n := input.chart.name
	not regex.match(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`, n)
}
