# METADATA
# title: Let Compose name containers
# description: |
#   The service sets `container_name`, so its container has a fixed name instead of one
#   derived from the project and service names.
#
#   Only one container can have that name on a host: the service cannot be scaled
#   (`docker compose up --scale`, `deploy.replicas`), and two copies of the project
#   (two branches, two developers on one CI runner) collide. Other services reach it by
#   its service name anyway. Remove `container_name`.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#container_name
#     description: Compose file reference, container_name
# custom:
#   severity: info
#   category: maintainability
package infralint.rules.compose["container-name-set"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "container_name"), sprintf("service %q has a fixed container name %q: it cannot be scaled or run twice on one host", [svc.name, svc.container_name])) if {
	some svc in compose.services
	svc.container_name
	not _scaled(svc)
}

deny contains result.at(compose.at(svc, "container_name"), sprintf("service %q has a fixed container name %q but asks for several replicas: Compose cannot create them", [svc.name, svc.container_name])) if {
	some svc in compose.services
	svc.container_name
	_scaled(svc)
}

_scaled(svc) if svc.scale > 1

_scaled(svc) if svc.deploy.replicas > 1
