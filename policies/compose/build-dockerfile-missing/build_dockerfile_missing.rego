# METADATA
# title: Point build at a Dockerfile that exists
# description: |
#   A service's `build:` reads a Dockerfile that is not there: `dockerfile:` names a
#   file that does not exist in the build context, or the context has no `Dockerfile`.
#
#   `docker compose build` and `docker compose up --build` stop with an error. Fix the
#   path (it is relative to the build context, not to the Compose file) or add the
#   Dockerfile. infralint cannot compare the service with its image either: the
#   cross-artifact rules skip it.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/build/#dockerfile
#     description: Compose Build Specification, dockerfile
# custom:
#   severity: error
#   category: reliability
package infralint.rules.compose["build-dockerfile-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(svc.build.ptr, sprintf("service %q builds from %s, which does not exist", [svc.name, svc.build.dockerfile_missing])) if {
	some svc in compose.services
	svc.build.dockerfile_missing
}
