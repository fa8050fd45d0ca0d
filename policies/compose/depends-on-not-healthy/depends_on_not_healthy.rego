# METADATA
# title: Wait for dependencies to be healthy
# description: |
#   A service depends on another that has a healthcheck, but waits only for it to start
#   (`depends_on` without `condition: service_healthy`).
#
#   The dependent then starts while its dependency is still initialising, and fails or
#   retries its first connections, although Compose could have waited for the
#   healthcheck to pass. Write the dependency in the long form with
#   `condition: service_healthy`.
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/startup-order/
#     description: Control startup order in Compose
#   - ref: https://docs.docker.com/reference/compose-file/services/#depends_on
#     description: Compose file reference, depends_on
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.compose["depends-on-not-healthy"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(d, sprintf("service %q starts once %q has started, not once it is healthy: use condition: service_healthy", [svc.name, name])) if {
	some svc in compose.services
	some name, d in svc.depends_on
	d.condition == "service_started"
	not d.implicit
	compose.has_healthcheck(input.services[name])
}
