# METADATA
# title: Do not mount the Docker socket
# description: |
#   The service mounts the Docker engine's API socket (`/var/run/docker.sock`, a
#   Podman socket, or the Windows `docker_engine` pipe).
#
#   Whoever can talk to that socket can start a privileged container that mounts the
#   host's root file system: mounting it gives the service root on the host, even
#   read-only (`:ro` protects the socket file, not the API). Use a socket proxy that
#   allows only the API calls the service needs, or a tool that does not need the
#   engine, and suppress the finding for the services that really must manage
#   containers.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     description: Docker security, the daemon attack surface
#   - ref: https://docs.docker.com/reference/compose-file/services/#volumes
#     description: Compose file reference, volumes
# custom:
#   severity: warning
#   category: security
#   aliases: [d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b]
package infralint.rules.compose["docker-socket-mounted"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(v, sprintf("service %q mounts the Docker socket %s: it controls the engine, which is root on the host", [svc.name, v.source])) if {
	some svc in compose.services
	some v in svc.volumes
	v.type in {"bind", "npipe"}
	_socket(v.source)
}

_socket(path) if endswith(path, "/docker.sock")

_socket(path) if endswith(path, "/podman.sock")

_socket(path) if endswith(lower(path), "docker_engine")
