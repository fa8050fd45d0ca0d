# METADATA
# title: Do not share the host's IPC namespace
# description: |
#   The service sets `ipc: host`, so it shares the host's IPC namespace instead of having its
#   own.
#
#   The container can read and write the shared memory segments, semaphores and message queues of every process on the host. Remove `ipc: host`; publish ports or share a namespace with another
#   service (`ipc: service:<name>`) when that is what the service needs.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ipc
#     description: Compose file reference, ipc
# custom:
#   severity: warning
#   category: security
#   aliases: [baa3890f-bed7-46f5-ab8f-1da8fc91c729]
package infralint.rules.compose["host-ipc-namespace"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "ipc"), sprintf("service %q shares the host's IPC namespace", [svc.name])) if {
	some svc in compose.services
	svc.ipc == "host"
}
