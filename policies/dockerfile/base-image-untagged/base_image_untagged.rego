# METADATA
# title: Tag base images with a version
# description: |
#   A base image without a tag, or tagged `latest`, is whatever the registry serves on
#   the day of the build: two builds of the same commit can ship different software,
#   and a rebuild can break without any change of yours.
#
#   Name a version, such as `debian:12.5` or `node:22-alpine`; better still, also pin the
#   digest (see `base-image-not-pinned-by-digest`).
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     description: Docker build best practices, pin base image versions
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3006, DL3007, DS-0001, DS001, CKV_DOCKER_7]
package infralint.rules.dockerfile["base-image-untagged"]

import data.infralint.lib.result

deny contains result.fail(stage.base, sprintf("base image %q has no tag", [stage.base.raw])) if {
	some stage in input.stages
	_external(stage.base)
	not stage.base.tag
	not stage.base.digest
}

deny contains result.fail(stage.base, sprintf("base image %q uses the latest tag", [stage.base.raw])) if {
	some stage in input.stages
	_external(stage.base)
	stage.base.tag == "latest"
	not stage.base.digest
}

# _external is an image from a registry: not scratch, not an earlier stage, and readable
# (an ARG without a default cannot be judged).
_external(base) if {
	not base.scratch
	not base.stage # 0 is a stage too: only undefined is falsy
	base.repository
}
