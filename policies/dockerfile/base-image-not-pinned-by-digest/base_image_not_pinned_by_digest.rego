# METADATA
# title: Pin base images by digest
# description: |
#   A base image referenced only by tag can change under you: tags are moved by their
#   publishers, so the same Dockerfile can build on different software from one day to the
#   next.
#
#   A digest (`@sha256:...`) names exactly one image, which makes builds repeatable and
#   protects against a tampered tag. Keep the tag for readers and add the digest, for
#   example `FROM alpine:3.20@sha256:...`, and let a tool such as Renovate or Dependabot
#   update it. The rule is off by default because pinned digests must then be kept up to
#   date; it ignores `scratch`, earlier stages and references whose ARGs have no default.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     description: Docker build best practices, pin base image versions
#   - ref: https://docs.docker.com/reference/dockerfile/#from
#     description: Dockerfile reference, FROM
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: []
package infralint.rules.dockerfile["base-image-not-pinned-by-digest"]

import data.infralint.lib.result

deny contains result.fail(stage.base, sprintf("base image %q is not pinned by digest", [stage.base.raw])) if {
	some stage in input.stages
	_external(stage.base)
	not stage.base.digest
}

# _external is an image from a registry: not scratch, not an earlier stage, and readable
# (a reference whose ARG has no default cannot be judged).
_external(base) if {
	not base.scratch
	not base.stage # stage 0 is a stage too: only undefined is falsy
	not base.invalid
	base.repository
}
