# METADATA
# title: Version charts with SemVer 2
# description: |
#   Chart.yaml's `version` is not a SemVer 2 version.
#
#   Helm orders, resolves and stores chart versions as SemVer 2 (MAJOR.MINOR.PATCH with
#   optional pre-release and build); other strings break dependency ranges and repository
#   indexes. Use a version such as `1.4.2`.
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/conventions/#version-numbers
#     description: "Helm chart conventions: version numbers"
# custom:
#   severity: error
#   category: reliability
package infralint.rules.helm["chart-version-semver"]

import data.infralint.lib.result

_semver := `^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`

deny contains result.at("/chart/version", sprintf("chart version %q is not SemVer 2", [v])) if {
	v := sprintf("%v", [input.chart.version])
	not regex.match(_semver, v)
}
