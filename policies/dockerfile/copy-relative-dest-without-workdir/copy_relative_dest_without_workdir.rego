# METADATA
# title: Set WORKDIR before copying to a relative path
# description: |
#   A `COPY` or `ADD` has a relative destination (`.`, `app/`), but no `WORKDIR` is
#   set before it in its stage or in the stages it is built `FROM`.
#
#   The files then land in whatever working directory the base image happens to set,
#   usually `/`, and move when the base image changes it. Set `WORKDIR /app` first, or
#   give an absolute destination. Destinations that start with a variable are taken to
#   be absolute. A base image that sets its own `WORKDIR` (such as `php:apache`'s
#   `/var/www/html`) cannot be seen here: write that directory out, or set `WORKDIR`
#   again, so that the Dockerfile says where the files go. Stages built `FROM scratch`,
#   where the working directory can only be `/`, are not reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#workdir
#     description: Docker build best practices, WORKDIR
#   - ref: https://docs.docker.com/reference/dockerfile/#destination
#     description: Dockerfile reference, COPY destination
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3045]
package infralint.rules.dockerfile["copy-relative-dest-without-workdir"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s to relative %q with no WORKDIR set before it", [upper(i.cmd), dest])) if {
	some c in {"copy", "add"}
	some i in df.top_level_of[c]
	i.stage >= 0
	ws := df.words(i)
	count(ws) > 1
	dest := ws[count(ws) - 1]
	not _absolute(dest)
	not _workdir_before(i)
	not _scratch(i.stage)
}

# In a stage FROM scratch nothing can have set a working directory: it is /.
_scratch(s) if {
	some j in input.stages[s].chain
	input.stages[j].base.scratch
}

_absolute(p) if startswith(p, "/")

_absolute(p) if startswith(p, "$")

_absolute(p) if startswith(p, `\`)

_absolute(p) if regex.match(`^[A-Za-z]:`, p)

# A WORKDIR earlier in the stage, or anywhere in a stage it is built FROM.
_workdir_before(i) if {
	some j in input.stages[i.stage].instructions
	j < i.index
	input.instructions[j].cmd == "workdir"
}

_workdir_before(i) if {
	some s in array.slice(input.stages[i.stage].chain, 1, 100)
	some j in input.stages[s].instructions
	input.instructions[j].cmd == "workdir"
}
