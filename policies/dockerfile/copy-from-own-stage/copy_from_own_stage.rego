# METADATA
# title: Do not COPY --from the current stage
# description: |
#   `COPY --from` names the stage the `COPY` itself is in.
#
#   A stage cannot read its own result while it is being built: the builder reports a
#   circular dependency and the build fails. Name the stage that produces the files, or
#   use a plain `COPY` or `RUN cp` inside the stage.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#copy---from
#     description: Dockerfile reference, COPY --from
#   - ref: https://docs.docker.com/build/building/multi-stage/
#     description: Multi-stage builds
# custom:
#   severity: error
#   category: reliability
#   aliases: [DL3023, DS-0006, DS006]
package infralint.rules.dockerfile["copy-from-own-stage"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("--from=%s names the stage this COPY is in", [ref])) if {
	some i in df.top_level_of.copy
	i.from_stage == i.stage
	ref := _unquote(df.flag_value(i, "from"))
}

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
