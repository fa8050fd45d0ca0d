# METADATA
# title: Avoid publishing privileged host ports
# description: |
#   The service publishes a host port below 1024 (a privileged port such as 80 or 443).
#
#   Only root may bind those ports on the host, and a project that takes them collides
#   with the host's own services (SSH, a web server). For a development setup publish a
#   high port (`"8080:80"`); in production put a reverse proxy in front. The rule is off
#   by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [bc2908f3-f73c-40a9-8793-c1b7d5544f79]
package infralint.rules.compose["privileged-host-port"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(p, sprintf("service %q publishes privileged host port %d", [svc.name, n])) if {
	some svc in compose.services
	some p in svc.ports
	n := min(compose.published_numbers(p))
	n < 1024
}
