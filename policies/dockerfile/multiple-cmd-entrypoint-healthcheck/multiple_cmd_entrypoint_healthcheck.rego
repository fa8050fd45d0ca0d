# METADATA
# title: Use one CMD, ENTRYPOINT and HEALTHCHECK per stage
# description: |
#   A stage has more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`; only the last of each
#   takes effect.
#
#   The earlier ones do nothing, yet a reader may take them for the image's real command
#   or health check. Delete them, or move them to the stage they were meant for. Each
#   earlier instruction is reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/
#     description: BuildKit build checks, MultipleInstructionsDisallowed
#   - ref: https://docs.docker.com/reference/dockerfile/#cmd
#     description: Dockerfile reference, CMD
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL4003, DL4004, DL3012, MultipleInstructionsDisallowed, DS-0016, DS016, DS-0007, DS007, DS-0023, DS023]
package infralint.rules.dockerfile["multiple-cmd-entrypoint-healthcheck"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("only the last %s of a stage takes effect: this one is overridden", [upper(i.cmd)])) if {
	some c in {"cmd", "entrypoint", "healthcheck"}
	some i in df.top_level_of[c]
	i.stage >= 0
	some later in df.top_level_of[i.cmd]
	later.stage == i.stage
	later.index > i.index
}
