# METADATA
# title: Give a built service a healthcheck in Compose or in its Dockerfile
# description: |
#   The service is built from a Dockerfile, and neither the service (`healthcheck:`) nor
#   the Dockerfile stage it builds (`HEALTHCHECK`, in that stage or a stage it is built
#   `FROM`) defines a healthcheck, so Docker only knows whether the process runs, not
#   whether it serves.
#
#   A healthcheck lets dependents wait for readiness (`depends_on` with
#   `condition: service_healthy`), shows `unhealthy` in `docker compose ps`, and lets an
#   orchestrator replace a hung container. Add one where it fits best: a `HEALTHCHECK`
#   in the Dockerfile travels with the image to every place it runs, a `healthcheck:`
#   in Compose can use the project's own ports and tools. The single-file rules
#   `service-healthcheck-missing` and `healthcheck-missing` are off by default because
#   each sees only one half; this rule sees both, so it is on. A healthcheck disabled on
#   purpose (`disable: true`, `HEALTHCHECK NONE`) is respected. A base image from a
#   registry may carry its own `HEALTHCHECK`, which is not read.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#healthcheck
#     description: Compose file reference, healthcheck
#   - ref: https://docs.docker.com/reference/dockerfile/#healthcheck
#     description: Dockerfile reference, HEALTHCHECK
# custom:
#   severity: info
#   category: reliability
package infralint.rules.cross["build-healthcheck-missing"]

import data.infralint.lib.cross
import data.infralint.lib.result

deny contains result.at(cross.build, sprintf("service %q has no healthcheck, and %s defines no HEALTHCHECK", [cross.service.name, _where])) if {
	not cross.service.healthcheck
	not cross.dockerfile.healthcheck
}

_where := sprintf("stage %q of %s", [cross.dockerfile.stage, cross.dockerfile_name]) if cross.dockerfile.stage

_where := cross.dockerfile_name if not cross.dockerfile.stage
