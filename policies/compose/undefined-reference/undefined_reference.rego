# METADATA
# title: Reference only what the project defines
# description: |
#   A service refers to something the project does not define: a `depends_on` service,
#   a network, a named volume, a secret or a config missing from the top-level
#   sections, or a `network_mode: service:<name>` that names no service.
#
#   `docker compose up` stops on such a reference. Define the missing element (under
#   `networks:`, `volumes:`, `secrets:` or `configs:`, with `external: true` if it is
#   created outside the project), or fix the name.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/
#     description: Compose file reference, services
#   - ref: https://docs.docker.com/reference/compose-file/volumes/
#     description: Compose file reference, volumes
# custom:
#   severity: error
#   category: reliability
package infralint.rules.compose["undefined-reference"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(d, sprintf("service %q depends on %q, which is not defined", [svc.name, name])) if {
	some svc in compose.services
	some name, d in svc.depends_on
	d.required
	not d.implicit
	not input.services[name]
	not name in input.disabled_services
}

deny contains result.fail(d, sprintf("service %q depends on %q, whose profiles are not active", [svc.name, name])) if {
	some svc in compose.services
	some name, d in svc.depends_on
	d.required
	name in input.disabled_services
}

deny contains result.fail(n, sprintf("service %q uses network %q, which is not defined under networks", [svc.name, name])) if {
	some svc in compose.services
	some name, n in svc.networks
	not input.networks[name]
}

deny contains result.fail(v, sprintf("service %q mounts volume %q, which is not defined under volumes", [svc.name, v.source])) if {
	some svc in compose.services
	some v in svc.volumes
	v.type == "volume"
	v.source
	not input.volumes[v.source]
}

deny contains result.fail(m, sprintf("service %q uses %s %q, which is not defined under %ss", [svc.name, kind, m.source, kind])) if {
	some svc in compose.services
	some kind in ["secret", "config"]
	some m in svc[sprintf("%ss", [kind])]
	not input[sprintf("%ss", [kind])][m.source]
}

deny contains result.at(compose.at(svc, "network_mode"), sprintf("service %q shares the network of service %q, which is not defined", [svc.name, name])) if {
	some svc in compose.services
	startswith(svc.network_mode, "service:")
	name := substring(svc.network_mode, 8, -1)
	not input.services[name]
}
