# METADATA
# title: End the destination with / when copying several sources
# description: |
#   A `COPY` or `ADD` with more than one source has a destination that does not end
#   with `/`.
#
#   With several sources the destination must be a directory, and the builder only
#   treats it as one when it ends with a slash: otherwise the build fails ("When using
#   COPY with more than one source file, the destination must be a directory and end
#   with a /"). Write `COPY a.txt b.txt /app/`. Destinations given by a variable are not
#   checked.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#destination
#     description: Dockerfile reference, COPY destination
#   - ref: https://docs.docker.com/reference/dockerfile/#copy
#     description: Dockerfile reference, COPY
# custom:
#   severity: error
#   category: reliability
#   aliases: [DL3021, DS-0011, DS011]
package infralint.rules.dockerfile["copy-multiple-sources-dest"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s of %d sources needs a directory destination ending with /: %q", [upper(i.cmd), n, dest])) if {
	some c in {"copy", "add"}
	some i in df.instructions_of[c]
	count(i.heredocs) == 0
	ws := df.words(i)
	n := count(ws) - 1
	n > 1
	dest := ws[n]
	not endswith(dest, "/")
	not endswith(dest, `\`)
	not contains(dest, "$")
}
