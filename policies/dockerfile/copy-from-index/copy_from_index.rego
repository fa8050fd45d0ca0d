# METADATA
# title: Name the stages COPY --from uses
# description: |
#   `COPY --from` refers to a stage by its number (`--from=0`) instead of its name.
#
#   Stage numbers change as soon as a stage is added or moved, and then the `COPY`
#   silently takes files from another stage. Name the stage (`FROM golang:1.22 AS
#   build`) and use the name: `COPY --from=build ...`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/multi-stage/#name-your-build-stages
#     description: Multi-stage builds, name your build stages
#   - ref: https://docs.docker.com/reference/dockerfile/#copy---from
#     description: Dockerfile reference, COPY --from
# custom:
#   severity: info
#   category: maintainability
#   aliases: []
package infralint.rules.dockerfile["copy-from-index"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("--from=%s refers to a stage by number: name the stage and use its name", [ref])) if {
	some i in df.top_level_of.copy
	ref := df.unquote(df.flag_value(i, "from"))
	regex.match(`^[0-9]+$`, ref)
}
