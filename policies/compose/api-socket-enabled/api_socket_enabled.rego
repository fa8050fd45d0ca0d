# METADATA
# title: Do not give services the engine's API socket
# description: |
#   The service sets `use_api_socket: true`, which mounts the Docker engine's API socket
#   into the container and also hands it the credentials of the user who runs Compose.
#
#   Like a mounted `/var/run/docker.sock`, the socket gives the container control of
#   the engine and so root on the host; the credentials add access to every registry
#   the user can push to. Remove `use_api_socket` unless the service exists to manage
#   containers.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#use_api_socket
#     description: Compose file reference, use_api_socket
#   - ref: https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     description: Docker security, the daemon attack surface
# custom:
#   severity: warning
#   category: security
package infralint.rules.compose["api-socket-enabled"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "use_api_socket"), sprintf("service %q gets the engine's API socket and your registry credentials", [svc.name])) if {
	some svc in compose.services
	svc.use_api_socket
}
