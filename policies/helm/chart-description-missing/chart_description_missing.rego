# METADATA
# title: Describe the chart
# description: |
#   Chart.yaml has no `description`.
#
#   The description is what `helm search` and chart repositories show; without it users
#   cannot tell what the chart installs. Add a one-line description.
# related_resources:
#   - ref: https://helm.sh/docs/topics/charts/#the-chartyaml-file
#     description: "Helm charts: the Chart.yaml file"
# custom:
#   severity: info
#   category: maintainability
package infralint.rules.helm["chart-description-missing"]

import data.infralint.lib.result

deny contains result.at("/chart/name", sprintf("chart %q has no description", [input.chart.name])) if {
	not input.chart.description
}
