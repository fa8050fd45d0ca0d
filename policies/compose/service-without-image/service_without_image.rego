# METADATA
# title: Give every service an image or a build
# description: |
#   The service, once every file of the project is merged, has neither `image:` nor
#   `build:` (nor a `provider:`), so Compose has nothing to create its container from.
#
#   `docker compose up` stops with an error. Add the image the service runs, or a build
#   section for its Dockerfile; if the service is meant to come from another file, check
#   the `extends`, `include` or override that should supply it.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#image
#     description: Compose file reference, image
#   - ref: https://docs.docker.com/reference/compose-file/build/
#     description: Compose Build Specification
# custom:
#   severity: error
#   category: reliability
package infralint.rules.compose["service-without-image"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q has neither image nor build", [svc.name])) if {
	some svc in compose.services
	not svc.image
	not svc.build
	not svc.provider
}
