# METADATA
# title: Copy what you need from a stage, not its whole file system
# description: |
#   `COPY --from=<stage>` copies `/`, the entire file system of another stage or image.
#
#   That brings the other stage's operating system, package caches and build tools into
#   this one, which undoes what a multi-stage build is for, and overwrites this stage's
#   own system files. Copy the directories and files the image needs
#   (`COPY --from=build /out/app /usr/local/bin/app`). Copying a whole image
#   (`--from=docker/buildx-bin`) or a stage built `FROM scratch` is not reported: those
#   are bundles of files made to be copied; nor is a stage `FROM scratch` whose only
#   purpose is to collect artifacts for `docker build --output`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/multi-stage/
#     description: Multi-stage builds
#   - ref: https://docs.docker.com/reference/dockerfile/#copy---from
#     description: Dockerfile reference, COPY --from
# custom:
#   severity: warning
#   category: efficiency
#   aliases: [DL3067]
package infralint.rules.dockerfile["copy-whole-stage"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("COPY --from=%s copies its whole file system (%q): copy only what the image needs", [from, src])) if {
	some i in df.top_level_of.copy
	from := df.flag_value(i, "from")
	# a stage of this file with an operating system: an image or a scratch stage named
	# in --from is a bundle of files made to be copied whole
	not _scratch(i.from_stage)
	ws := df.words(i)
	some src in array.slice(ws, 0, count(ws) - 1)
	src in {"/", "/.", "/*", "."}
	not _artifact_stage(i)
}

_scratch(s) if {
	some j in input.stages[s].chain
	input.stages[j].base.scratch
}

# A scratch stage only collects files to export.
_artifact_stage(i) if {
	st := input.stages[i.stage]
	st.base.scratch
	not _runs(st)
}

_runs(st) if {
	some j in st.instructions
	input.instructions[j].cmd in {"cmd", "entrypoint"}
}
