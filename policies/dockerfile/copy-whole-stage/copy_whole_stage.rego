# METADATA
# title: Copy what you need from a stage, not its whole file system
# description: |
#   `COPY --from=<stage>` copies `/`, the entire file system of another stage or image.
#
#   That brings the other stage's operating system, package caches and build tools into
#   this one, which undoes what a multi-stage build is for, and overwrites this stage's
#   own system files. Copy the directories and files the image needs
#   (`COPY --from=build /out/app /usr/local/bin/app`). Only copies into `/` are
#   reported (copying a file system into a directory such as `/rootfs` is deliberate).
#   Copying a whole image (`--from=docker/buildx-bin`, or a stage that is only a
#   `FROM <image>`) or a stage built `FROM scratch` is not reported either: those are
#   bundles of files made to be copied; nor is a stage `FROM scratch` whose only
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
	# a stage of this file that has an operating system: an image, a stage that only
	# names an image, or a scratch stage is a bundle of files made to be copied whole
	s := i.from_stage
	not _scratch(s)
	not _alias(s)
	ws := df.words(i)
	# into the stage's own root, over its system files (not into a rootfs directory)
	ws[count(ws) - 1] in {"/", "/."}
	some src in array.slice(ws, 0, count(ws) - 1)
	src in {"/", "/.", "/*", "."}
	not _artifact_stage(i)
}

# A stage that is only a FROM names an image, like --from=<image> would.
_alias(s) if count(input.stages[s].instructions) == 1

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
