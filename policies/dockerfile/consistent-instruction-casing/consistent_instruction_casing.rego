# METADATA
# title: Write all instructions in the same case
# description: |
#   An instruction keyword is not written in the case most instructions of the file use
#   (`run` among `RUN`s), or mixes cases (`Run`).
#
#   Keywords are case-insensitive, but one case makes them stand out from their
#   arguments and makes the file easy to search. Write every keyword in upper case
#   (the usual style) or every one in lower case. As in BuildKit's check, the case of
#   the majority of the stages' instructions decides; upper case wins a tie.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/consistent-instruction-casing/
#     description: BuildKit build checks, ConsistentInstructionCasing
#   - ref: https://docs.docker.com/reference/dockerfile/#format
#     description: Dockerfile reference, format
# custom:
#   severity: info
#   category: style
#   aliases: [ConsistentInstructionCasing]
package infralint.rules.dockerfile["consistent-instruction-casing"]

import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s should be written in %s case, like the other instructions", [i.keyword, want])) if {
	count(_not_upper) > 0 # one pass decides the usual case: every keyword in upper case
	want := _majority
	some i in input.instructions
	i.stage >= 0
	_wrong(i.keyword, want)
}

_not_upper := [i.keyword | some i in input.instructions; i.stage >= 0; i.keyword != upper(i.keyword)]

_lower := count([1 | some kw in _not_upper; kw == lower(kw)])

_upper := count([1 | some i in input.instructions; i.stage >= 0]) - count(_not_upper)

_majority := "lower" if _lower > _upper

else := "upper"

_wrong(kw, "lower") if kw != lower(kw)

_wrong(kw, "upper") if kw != upper(kw)
