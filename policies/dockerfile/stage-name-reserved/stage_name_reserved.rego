# METADATA
# title: Do not name a stage scratch or context
# description: |
#   A stage is named `scratch` or `context`, words the builder reserves.
#
#   `FROM scratch` means the empty image and `context` names the build context, so a
#   stage with either name cannot be referred to reliably: `FROM scratch` in a later
#   stage still means the empty image. Give the stage another name.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/reserved-stage-name/
#     description: BuildKit build checks, ReservedStageName
#   - ref: https://docs.docker.com/build/building/multi-stage/#name-your-build-stages
#     description: Multi-stage builds, name your build stages
# custom:
#   severity: error
#   category: reliability
#   aliases: [DL3063, ReservedStageName]
package infralint.rules.dockerfile["stage-name-reserved"]

import data.infralint.lib.result

deny contains result.fail(s, sprintf("stage name %q is reserved: choose another name", [s.name])) if {
	some s in input.stages
	lower(s.name) in {"scratch", "context"}
}
