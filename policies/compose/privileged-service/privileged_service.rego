# METADATA
# title: Do not run services privileged
# description: |
#   A service with `privileged: true` runs with every Linux capability, every host
#   device, and no seccomp or AppArmor confinement.
#
#   Anyone who controls such a container controls the host: a bug in the application
#   becomes a host compromise. Grant only the capabilities (`cap_add`) or the devices
#   (`devices`) the service needs, and remove `privileged`.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#privileged
#     description: Compose file reference, privileged
#   - ref: https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
#     description: Runtime privilege and Linux capabilities
# custom:
#   severity: error
#   category: security
#   aliases: [ae5b6871-7f45-42e0-bb4c-ab300c4d2026]
package infralint.rules.compose["privileged-service"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "privileged"), sprintf("service %q runs privileged: it has every capability and every host device", [svc.name])) if {
	some svc in compose.services
	svc.privileged
}
