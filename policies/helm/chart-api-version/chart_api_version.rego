# METADATA
# title: Write Helm 3 charts (apiVersion v2)
# description: |
#   Chart.yaml declares `apiVersion: v1` (a Helm 2 chart) or none.
#
#   Helm 3 charts use apiVersion v2, which declares dependencies in Chart.yaml and
#   supports library charts; v1 is kept only for Helm 2 compatibility. Set `apiVersion:
#   v2` and move requirements.yaml into Chart.yaml.
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/conventions/
#     description: Helm chart conventions
#   - ref: https://helm.sh/docs/topics/charts/#the-apiversion-field
#     description: "Helm charts: the apiVersion field"
# custom:
#   severity: warning
#   category: maintainability
package infralint.rules.helm["chart-api-version"]

import data.infralint.lib.result

deny contains result.at("/chart/apiVersion", sprintf("chart %q has apiVersion %q, not v2", [input.chart.name, v])) if {
	v := object.get(input.chart, "apiVersion", "")
	v != "v2"
}
