# METADATA
# title: Copy from stages that exist
# description: |
#   `COPY --from=<name>` names neither a stage of the Dockerfile nor an image reference
#   with a registry path or a tag, so the builder treats it as an image on Docker Hub.
#
#   That is almost always a misspelled or renamed stage: the build then pulls an
#   unrelated public image, or fails because it does not exist. Use the name of a stage
#   (`FROM ... AS <name>`, matched without regard to case) or its index; if you really
#   mean an image, write it in full with a tag, such as `--from=nginx:1.27`. An index
#   beyond the last stage is reported too. Values with variables are not checked.
#
#   A named build context (`docker buildx build --build-context deps=../deps`, or
#   `contexts` in a Bake file) is also used as `--from=deps` but cannot be seen in the
#   Dockerfile: list such names in the `build_contexts` option.
# related_resources:
#   - ref: https://docs.docker.com/build/building/multi-stage/#name-your-build-stages
#     description: Multi-stage builds, name your build stages
#   - ref: https://docs.docker.com/reference/dockerfile/#copy---from
#     description: Dockerfile reference, COPY --from
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3022]
#   options:
#     build_contexts:
#       type: array
#       default: []
#       description: >-
#         Names of the build contexts passed with --build-context (or Bake `contexts`),
#         which COPY --from may use like stage names.
package infralint.rules.dockerfile["copy-from-unknown-stage"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("--from=%q names no stage: use a stage name, or a full image reference with a tag", [ref])) if {
	some [i, ref] in _refs
	not regex.match(`^[0-9]+$`, ref)
	not contains(ref, "/")
	not contains(ref, ":")
	not contains(ref, "@")
	not lower(ref) in _names
	not _named_context(ref)
}

deny contains result.fail(i, sprintf("--from=%s: there is no stage with that index (the last is %d)", [ref, count(input.stages) - 1])) if {
	some [i, ref] in _refs
	regex.match(`^[0-9]+$`, ref)
	to_number(ref) >= count(input.stages)
}

_named_context(ref) if {
	some c in options.build_contexts
	lower(c) == lower(ref)
}

_names contains lower(s.name) if {
	some s in input.stages
	s.name
}

# _refs are the readable --from values of COPY instructions (not ONBUILD triggers,
# which refer to the stages of another build).
_refs contains [i, ref] if {
	some i in df.top_level_of.copy
	some f in i.flags
	f.name == "from"
	ref := _unquote(f.value)
	ref != ""
	not contains(ref, "$")
}

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
