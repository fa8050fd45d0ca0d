# METADATA
# title: Do not share the host's process namespace
# description: |
#   The service sets `pid: host`, so it shares the host's process namespace instead of having its
#   own.
#
#   The container sees every process of the host and, with enough privilege, can signal or trace them and read their environment and memory. Remove `pid: host`; publish ports or share a namespace with another
#   service (`pid: service:<name>`) when that is what the service needs.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#pid
#     description: Compose file reference, pid
# custom:
#   severity: warning
#   category: security
#   aliases: [4f31dd9f-2cc3-4751-9b53-67e4af83dac0]
package infralint.rules.compose["host-pid-namespace"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "pid"), sprintf("service %q shares the host's process namespace", [svc.name])) if {
	some svc in compose.services
	svc.pid == "host"
}
