# METADATA
# title: Give services a healthcheck
# description: |
#   The service defines no `healthcheck`, so Docker only knows whether its process runs,
#   not whether it serves.
#
#   A healthcheck lets dependents wait for readiness (`depends_on` with
#   `condition: service_healthy`), shows `unhealthy` in `docker compose ps`, and lets an
#   orchestrator replace a hung container. Images may define their own `HEALTHCHECK`,
#   which this rule cannot see; for that reason it is off by default. The rule
#   `dependency-without-healthcheck`, on by default, reports the services others
#   depend on.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#healthcheck
#     description: Compose file reference, healthcheck
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [698ed579-b239-4f8f-a388-baa4bcb13ef8]
package infralint.rules.compose["service-healthcheck-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q has no healthcheck", [svc.name])) if {
	some svc in compose.services
	not svc.healthcheck
}
