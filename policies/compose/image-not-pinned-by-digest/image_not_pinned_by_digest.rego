# METADATA
# title: Pin images by digest
# description: |
#   A service's image is named by tag only. A tag can be moved to another image at any
#   time; a digest (`@sha256:…`) names exactly one.
#
#   Pinning the digest makes every `docker compose pull` fetch the same bytes and
#   protects against a tag being overwritten; a tool such as Renovate or Dependabot can
#   keep the digests current. The rule is off by default: turn it on where
#   reproducibility matters more than automatic patch updates. Services that also have
#   `build:` are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#image
#     description: Compose file reference, image
#   - ref: https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     description: Docker best practices, pin image versions
# custom:
#   severity: info
#   category: reliability
#   enabled: false
package infralint.rules.compose["image-not-pinned-by-digest"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc.image, sprintf("service %q uses image %q without a digest", [svc.name, svc.image.raw])) if {
	some svc in compose.services
	not svc.build
	not svc.image.invalid
	not svc.image.digest
}
