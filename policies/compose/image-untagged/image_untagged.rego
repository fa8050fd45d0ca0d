# METADATA
# title: Tag images with a version
# description: |
#   A service's image has no tag, or the `latest` tag, so it runs whatever the registry
#   serves on the day the image is pulled.
#
#   Two machines, or the same machine a week apart, can run different software from the
#   same Compose file, and an upgrade can arrive unannounced with a `docker compose pull`.
#   Name a version, such as `postgres:16.4` or `nginx:1.27-alpine`; better still, also
#   pin the digest (see `image-not-pinned-by-digest`). A service that also has `build:`
#   is not reported: there the image names what is built.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#image
#     description: Compose file reference, image
#   - ref: https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     description: Docker best practices, pin image versions
# custom:
#   severity: warning
#   category: reliability
#   aliases: [service-image-require-explicit-tag]
package infralint.rules.compose["image-untagged"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc.image, sprintf("service %q uses image %q without a tag", [svc.name, svc.image.raw])) if {
	some svc in compose.services
	not svc.build
	not svc.image.invalid
	not svc.image.tag
	not svc.image.digest
}

deny contains result.fail(svc.image, sprintf("service %q uses image %q with the latest tag", [svc.name, svc.image.raw])) if {
	some svc in compose.services
	not svc.build
	svc.image.tag == "latest"
	not svc.image.digest
}
