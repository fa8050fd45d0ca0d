# METADATA
# title: Write stage names in lower case
# description: |
#   A stage name contains upper-case letters.
#
#   Stage names are matched without regard to case, so `Build` and `build` are the same
#   stage; writing them in lower case keeps every reference spelled the same way and
#   consistent with image references, which must be lower case.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/stage-name-casing/
#     description: BuildKit build checks, StageNameCasing
# custom:
#   severity: info
#   category: style
#   aliases: [StageNameCasing]
package infralint.rules.dockerfile["stage-name-casing"]

import data.infralint.lib.result

deny contains result.fail(s, sprintf("stage name %q should be lower case (%q)", [s.name, lower(s.name)])) if {
	some s in input.stages
	s.name
	s.name != lower(s.name)
}
