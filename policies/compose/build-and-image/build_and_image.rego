# METADATA
# title: Use either build or image
# description: |
#   The service has both `build:` and `image:`.
#
#   Compose then builds the image and tags it with the `image:` name, but may also try
#   to pull that name first (depending on `pull_policy`), and readers cannot tell
#   whether the service runs a published image or local code. Some teams want one or
#   the other per service; the rule is off by default, since tagging built images is a
#   legitimate use.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/build/#using-build-and-image
#     description: Compose Build Specification, using build and image
# custom:
#   severity: info
#   category: maintainability
#   enabled: false
#   aliases: [no-build-and-image]
package infralint.rules.compose["build-and-image"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc.image, sprintf("service %q has both build and image", [svc.name])) if {
	some svc in compose.services
	svc.build
	svc.image
}
