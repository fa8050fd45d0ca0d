# METADATA
# title: Do not share writable volumes between services
# description: |
#   A named volume is mounted writable by more than one service.
#
#   Two services writing the same files can corrupt them (two database servers on one
#   data directory), and a compromised service can plant files the other runs. Give each
#   service its own volume, or mount the shared one read-only (`:ro`) where the service
#   only reads it. The rule is off by default: sharing is sometimes the design.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/volumes/#share-data-between-machines
#     description: Docker storage, volumes
#   - ref: https://docs.docker.com/reference/compose-file/volumes/
#     description: Compose file reference, volumes
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [8c978947-0ff6-485c-b0c2-0bfca6026466]
package infralint.rules.compose["shared-volume"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(v, sprintf("volume %q is also mounted writable by service %q", [v.source, others[0]])) if {
	some svc in compose.services
	some v in svc.volumes
	_writable_named(v)
	others := sort([o.name |
		some o in compose.services
		o.name < svc.name
		some w in o.volumes
		_writable_named(w)
		w.source == v.source
	])
	count(others) > 0
}

_writable_named(v) if {
	v.type == "volume"
	v.source
	not v.read_only
}
