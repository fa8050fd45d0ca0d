# METADATA
# title: List dependencies in alphabetical order
# description: |
#   The `depends_on` entries of a service are not in alphabetical order.
#
#   Sorted lists are easier to scan and merge. Sort them. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#depends_on
#     description: Compose file reference, depends_on
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [service-dependencies-alphabetical-order]
package infralint.rules.compose["depends-on-order"]

import data.infralint.lib.result

deny contains result.fail(d, sprintf("dependency %q should come before %q", [d.name, prev])) if {
	some f in input.files
	some s in f.services
	some i, d in s.depends_on
	i > 0
	prev := s.depends_on[i - 1].name
	d.name < prev
}
