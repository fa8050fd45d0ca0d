# METADATA
# title: Replace MAINTAINER with a label
# description: |
#   `MAINTAINER` is deprecated: it sets an image field that the OCI image format does not
#   have and that tools no longer read.
#
#   Record the author with a label instead, such as
#   `LABEL org.opencontainers.image.authors="team@example.com"`, which every registry and
#   tool can read.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#maintainer-deprecated
#     description: Dockerfile reference, MAINTAINER (deprecated)
#   - ref: https://docs.docker.com/reference/build-checks/maintainer-deprecated/
#     description: BuildKit build checks, MaintainerDeprecated
# custom:
#   severity: info
#   category: style
#   aliases: [DL4000, MaintainerDeprecated, DS-0022, DS022, CKV_DOCKER_6]
package infralint.rules.dockerfile["maintainer-deprecated"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, "the MAINTAINER instruction is deprecated: use LABEL org.opencontainers.image.authors") if {
	some i in df.top_level_of.maintainer
}
