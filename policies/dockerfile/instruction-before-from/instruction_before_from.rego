# METADATA
# title: Start the Dockerfile with FROM or ARG
# description: |
#   An instruction other than `ARG` comes before the first `FROM`.
#
#   Only `ARG` may precede the first `FROM` (to parameterise the base image); any other
#   instruction has no stage to apply to, and the build fails with "no build stage in
#   current context". Move the instruction into a stage, after its `FROM`.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#format
#     description: Dockerfile reference, format
#   - ref: https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact
#     description: Dockerfile reference, how ARG and FROM interact
# custom:
#   severity: error
#   category: reliability
#   aliases: [DL3061]
package infralint.rules.dockerfile["instruction-before-from"]

import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s before the first FROM belongs to no stage: only ARG may come first", [upper(i.cmd)])) if {
	some i in _before_first_from
	i.stage < 0
	i.cmd != "arg"
}

# The instructions before the first FROM, which are the only ones with no stage: a
# slice of the list (an instruction's index is its position), not a scan of all of it.
_before_first_from := array.slice(input.instructions, 0, first) if {
	first := input.stages[0].from
} else := input.instructions
