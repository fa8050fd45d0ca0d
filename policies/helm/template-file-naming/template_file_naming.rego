# METADATA
# title: Name template files with dashes and the right extension
# description: |
#   A template file name has upper-case letters or underscores, or uses .yml.
#
#   Helm's conventions: template files are lower case with dashes (`my-example-
#   configmap.yaml`), YAML output uses `.yaml`, files that only define helpers start with
#   `_` and use `.tpl`. Consistent names make a chart easy to navigate.
# related_resources:
#   - ref: https://helm.sh/docs/chart_best_practices/templates/#names-of-template-files
#     description: "Helm templates: names of template files"
# custom:
#   severity: info
#   category: style
package infralint.rules.helm["template-file-naming"]

import data.infralint.lib.result

deny contains result.at(t.ptr, sprintf("template %s is not named in lower case with dashes", [t.name])) if {
	some t in input.templates
	base := _base(t.name)
	not startswith(base, "_")
	not base == "NOTES.txt"
	not regex.match(`^[a-z0-9][a-z0-9.-]*$`, base)
}

deny contains result.at(t.ptr, sprintf("template %s uses .yml; use .yaml", [t.name])) if {
	some t in input.templates
	endswith(t.name, ".yml")
}

_base(name) := parts[count(parts) - 1] if parts := split(name, "/")
