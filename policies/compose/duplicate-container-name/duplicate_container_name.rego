# METADATA
# title: Give containers distinct names
# description: |
#   Two services set the same `container_name`.
#
#   Container names are unique on a host: Compose creates the first container and fails
#   on the second. Rename one of them, or remove `container_name` and let Compose name
#   the containers.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#container_name
#     description: Compose file reference, container_name
# custom:
#   severity: error
#   category: reliability
#   aliases: [no-duplicate-container-names]
package infralint.rules.compose["duplicate-container-name"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "container_name"), sprintf("services %q and %q both set container_name %q", [first, svc.name, svc.container_name])) if {
	some svc in compose.services
	svc.container_name
	others := sort([o.name | some o in compose.services; o.container_name == svc.container_name; o.name != svc.name])
	count(others) > 0
	first := others[0]
	first < svc.name
}
