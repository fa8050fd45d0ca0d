# METADATA
# title: Publish each host port once
# description: |
#   Two port mappings publish the same host port (and protocol) on overlapping host
#   addresses, in one service or in two.
#
#   Only one container can bind a host port: the second fails to start with "port is
#   already allocated". Give one of them another host port. Services whose profiles
#   never run together are not compared.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
# custom:
#   severity: error
#   category: reliability
#   aliases: [no-duplicate-exported-ports]
package infralint.rules.compose["duplicate-published-port"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(p, msg) if {
	some svc in compose.services
	some i, p in svc.ports
	earlier := sort([[o.name, j, n] |
		some o in compose.services
		some j, q in o.ports
		_before(o.name, j, svc.name, i)
		q.protocol == p.protocol
		_overlap(p, q)
		not _exclusive(svc, o)
		some n in compose.published_numbers(p) & compose.published_numbers(q)
	])
	count(earlier) > 0
	[other, _, n] := earlier[0]
	msg := _message(svc.name, other, n, p.protocol)
}

_message(a, a, n, proto) := sprintf("service %q publishes host port %d/%s twice", [a, n, proto])

_message(a, b, n, proto) := sprintf("host port %d/%s is already published by service %q", [n, proto, b]) if a != b

_before(a, _, b, _) if a < b

_before(a, i, a, j) if i < j

_overlap(p, q) if object.get(p, "host_ip", "") == object.get(q, "host_ip", "")

_overlap(p, q) if compose.all_interfaces(p)

_overlap(p, q) if compose.all_interfaces(q)

# Services whose profiles share none never run in the same `docker compose up`.
_exclusive(a, b) if {
	count(a.profiles) > 0
	count(b.profiles) > 0
	count({x | some x in a.profiles} & {x | some x in b.profiles}) == 0
}
