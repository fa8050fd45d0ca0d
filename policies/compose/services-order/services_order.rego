# METADATA
# title: List services in alphabetical order
# description: |
#   The services of a file are not in alphabetical order.
#
#   In a long file an alphabetical order lets readers find a service without searching,
#   and keeps diffs of added services small and conflict-free. Sort the services. The
#   rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/
#     description: Compose file reference, services
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [services-alphabetical-order]
package infralint.rules.compose["services-order"]

import data.infralint.lib.result

deny contains result.fail(s, sprintf("service %q should come before %q", [s.name, prev])) if {
	some f in input.files
	some i, s in f.services
	i > 0
	prev := f.services[i - 1].name
	s.name < prev
}
