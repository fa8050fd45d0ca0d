# METADATA
# title: Use either curl or wget, not both
# description: |
#   The Dockerfile downloads with both `curl` and `wget`.
#
#   Each tool is one more package to install, patch and keep in the image, and two ways
#   of doing the same thing make the file harder to read. Pick one (usually the one the
#   base image already has) and use it everywhere. The first use of whichever tool
#   appears second is reported; commands used only as a condition (`command -v curl ||
#   ...`) do not count.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages
#     description: Docker build best practices, don't install unnecessary packages
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
# custom:
#   severity: info
#   category: maintainability
#   aliases: [DL4001, DS-0014, DS014]
package infralint.rules.dockerfile["curl-and-wget"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(second, sprintf("%s is used here and %s elsewhere: use one of them", [second.program, first.program])) if {
	c := _first("curl")
	w := _first("wget")
	[first, second] := _order(c, w)
}

# _uses are [instruction index, command index, command] of each download tool.
_uses[tool] contains [run.index, cmd.index, cmd] if {
	some tool in {"curl", "wget"}
	some [run, cmd] in df.commands_of[tool]
	not cmd.condition
}

_first(tool) := x if {
	uses := _uses[tool]
	m := min({[i, j] | some [i, j, _] in uses})
	some x in uses
	[x[0], x[1]] == m
}

_order(c, w) := [c[2], w[2]] if [c[0], c[1]] < [w[0], w[1]]

_order(c, w) := [w[2], c[2]] if [w[0], w[1]] < [c[0], c[1]]
