# METADATA
# title: Drop --platform=$TARGETPLATFORM from FROM
# description: |
#   A `FROM` sets `--platform=$TARGETPLATFORM`, which is what the builder uses anyway.
#
#   The flag changes nothing and suggests to a reader that the stage does something
#   special for cross-platform builds. Remove it; use `--platform=$BUILDPLATFORM` when a
#   stage must run natively on the build machine (a cross-compiling builder).
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/redundant-target-platform/
#     description: BuildKit build checks, RedundantTargetPlatform
#   - ref: https://docs.docker.com/build/building/multi-platform/
#     description: Multi-platform builds
# custom:
#   severity: info
#   category: style
#   aliases: [DL3065, RedundantTargetPlatform]
package infralint.rules.dockerfile["from-platform-redundant"]

import data.infralint.lib.result

deny contains result.fail(input.instructions[s.from], sprintf("--platform=%s is the default: remove it", [s.platform])) if {
	some s in input.stages
	regex.match(`^"?(\$TARGETPLATFORM|\$\{TARGETPLATFORM\})"?$`, s.platform)
}
