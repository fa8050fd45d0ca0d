# METADATA
# title: Publish the ports the Dockerfile exposes
# description: |
#   The service publishes (or exposes) a container port that the Dockerfile it is built
#   from does not `EXPOSE`, while that Dockerfile does expose other ports.
#
#   `EXPOSE` is how a Dockerfile says which ports the application listens on. When the
#   Compose file maps a different container port (`"8080:80"` for an application that
#   listens on 3000), the mapping leads nowhere and the service is unreachable: a typo,
#   or a port changed in one file and not in the other. Fix the container port in
#   `ports:`, or `EXPOSE` the port in the Dockerfile if the application does listen on
#   it. Dockerfiles without any `EXPOSE`, and `EXPOSE` written with a build argument,
#   tell nothing and are not judged. Ports the Dockerfile exposes that the service
#   does not publish are not reported: images often expose metrics or debug ports that
#   are meant to stay inside the project network.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#expose
#     description: Dockerfile reference, EXPOSE
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.cross["build-port-not-exposed"]

import data.infralint.lib.cross
import data.infralint.lib.result

deny contains result.fail(node, sprintf("service %q uses container port %d/%s, but %s exposes only %s", [cross.service.name, port, protocol, cross.dockerfile_name, _exposed])) if {
	cross.expose_known
	some [port, protocol, node] in cross.container_ports
	port > 0
	not cross.exposed(port, protocol)
}

_exposed := concat(", ", sort({_show(e) | some e in cross.dockerfile.expose}))

_show(e) := sprintf("%d/%s", [e.from, e.protocol]) if e.from == e.to

_show(e) := sprintf("%d-%d/%s", [e.from, e.to, e.protocol]) if e.from != e.to
