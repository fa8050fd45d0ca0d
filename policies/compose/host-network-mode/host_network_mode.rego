# METADATA
# title: Do not share the host's network namespace
# description: |
#   The service sets `network_mode: host`, so it shares the host's network namespace instead of having its
#   own.
#
#   The container sees every network interface of the host, can bind any host port, and reaches services that listen only on the host's loopback interface; the project's networks and port mappings no longer isolate it. Remove `network_mode: host`; publish ports or share a namespace with another
#   service (`network_mode: service:<name>`) when that is what the service needs.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#network_mode
#     description: Compose file reference, network_mode
# custom:
#   severity: warning
#   category: security
#   aliases: [071a71ff-f868-47a4-ac0b-3c59e4ab5443]
package infralint.rules.compose["host-network-mode"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "network_mode"), sprintf("service %q shares the host's network namespace", [svc.name])) if {
	some svc in compose.services
	svc.network_mode == "host"
}
