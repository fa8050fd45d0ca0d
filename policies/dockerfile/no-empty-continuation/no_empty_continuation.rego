# METADATA
# title: Do not leave empty lines inside a continued instruction
# description: |
#   An instruction continued with `\` has an empty line in the middle.
#
#   The builder skips the empty line and joins the lines around it, but warns that
#   empty continuation lines will become errors in a future release; and a reader may
#   take the empty line for the end of the instruction. Remove the empty line, or put a
#   comment (`#`) line there if you want a visual break.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/no-empty-continuation/
#     description: BuildKit build checks, NoEmptyContinuation
#   - ref: https://docs.docker.com/reference/dockerfile/#escape
#     description: Dockerfile reference, escape and line continuation
# custom:
#   severity: warning
#   category: reliability
#   aliases: [NoEmptyContinuation]
package infralint.rules.dockerfile["no-empty-continuation"]

import data.infralint.lib.result

deny contains result.fail(e, sprintf("empty line inside a continued %s: remove it (future Dockerfile versions reject it)", [upper(i.cmd)])) if {
	some i in input.instructions
	some e in i.empty_continuations
}
