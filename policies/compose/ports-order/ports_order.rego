# METADATA
# title: List published ports in order
# description: |
#   The short-syntax port mappings of a service are not in ascending order of their
#   host port.
#
#   Sorted ports make it easy to see which ports a service takes and to spot a clash.
#   Sort them. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [service-ports-alphabetical-order]
package infralint.rules.compose["ports-order"]

import data.infralint.lib.result

deny contains result.fail(p, sprintf("port %s should come before %s", [p.value, prev.value])) if {
	some f in input.files
	some s in f.services
	numbered := [[_host(q.value), q] | some q in s.ports; _host(q.value)]
	some i, [n, p] in numbered
	i > 0
	[m, prev] := numbered[i - 1]
	n < m
}

# _host is the host port a mapping publishes (the container port when none is given).
_host(v) := to_number(d[0]) if {
	not contains(v, "$")
	parts := split(split(v, "/")[0], ":")
	part := parts[max([0, count(parts) - 2])]
	d := regex.find_n(`^\d+`, part, 1)
	count(d) == 1
}
