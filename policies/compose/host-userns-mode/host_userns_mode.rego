# METADATA
# title: Do not disable user namespace remapping
# description: |
#   The service sets `userns_mode: host`, so it shares the host's user namespace instead of having its
#   own.
#
#   On a daemon that remaps container users (userns-remap), `userns_mode: host` turns remapping off for the service, so root in the container is root on the host again. Remove `userns_mode: host`; publish ports or share a namespace with another
#   service (`userns_mode: service:<name>`) when that is what the service needs.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#userns_mode
#     description: Compose file reference, userns_mode
# custom:
#   severity: warning
#   category: security
#   aliases: [8af7162d-6c98-482f-868e-0d33fb675ca8]
package infralint.rules.compose["host-userns-mode"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "userns_mode"), sprintf("service %q shares the host's user namespace", [svc.name])) if {
	some svc in compose.services
	svc.userns_mode == "host"
}
