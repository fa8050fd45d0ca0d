# METADATA
# title: Fetch chart dependencies over HTTPS
# description: |
#   A dependency in Chart.yaml comes from an `http://` repository.
#
#   Charts fetched over plain HTTP can be swapped in transit; what gets installed in the
#   cluster is then someone else's code. Use the repository's https:// URL (or an oci://
#   registry).
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/dependencies/#repository-urls
#     description: "Helm chart dependencies: repository URLs"
# custom:
#   severity: warning
#   category: security
package infralint.rules.helm["chart-dependency-insecure-repository"]

import data.infralint.lib.result

deny contains result.at(sprintf("/chart/dependencies/%d/repository", [i]), sprintf("dependency %q comes from insecure repository %s", [d.name, d.repository])) if {
	some i, d in input.chart.dependencies
	startswith(lower(d.repository), "http://")
}
