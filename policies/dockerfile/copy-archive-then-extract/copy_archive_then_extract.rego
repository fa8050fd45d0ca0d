# METADATA
# title: Let ADD extract a local archive
# description: |
#   A `COPY` puts a tar archive from the build context into the image, and a later
#   `RUN` of the same stage extracts it with `tar`.
#
#   The archive then stays in the `COPY` layer even after it is extracted (and
#   deleted), so the image carries it twice. `ADD archive.tar.gz /dest/` extracts a
#   local tar archive in one layer without keeping it; or extract from a bind mount:
#   `RUN --mount=type=bind,source=archive.tar.gz,target=/tmp/a.tgz tar -xzf /tmp/a.tgz`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
#     description: Docker build best practices, ADD or COPY
#   - ref: https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives
#     description: Dockerfile reference, adding local tar archives
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3010]
package infralint.rules.dockerfile["copy-archive-then-extract"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(i, sprintf("archive %q is copied, then extracted by a RUN: use ADD, or extract it from a bind mount", [name])) if {
	some i in df.top_level_of.copy
	not df.flag_value(i, "from")
	ws := df.words(i)
	some src in array.slice(ws, 0, count(ws) - 1)
	name := _base(src)
	regex.match(`\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$`, lower(name))
	_extracted_later(i, name)
}

_base(p) := parts[count(parts) - 1] if parts := split(trim_right(p, "/"), "/")

_extracted_later(i, name) if {
	some j in input.stages[i.stage].instructions
	j > i.index
	run := input.instructions[j]
	run.cmd == "run"
	some c in run.commands
	c.program == "tar"
	_extracts(c)
	some a in c.args
	endswith(a, name)
}

_extracts(c) if regex.match(`^-?[A-Za-z]*x`, c.args[0])

_extracts(c) if "--extract" in c.args

_extracts(c) if "--get" in c.args

_extracts(c) if pkg.short_flag(c.args, "x")
