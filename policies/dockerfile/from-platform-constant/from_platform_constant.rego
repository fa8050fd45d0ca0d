# METADATA
# title: Do not pin FROM to a constant platform
# description: |
#   A `FROM` sets `--platform` to a constant, such as `--platform=linux/amd64`.
#
#   The stage then always builds for that platform, whatever platform the build asks
#   for: a multi-platform build ships an amd64 binary in its arm64 image, or fails
#   under emulation. Use `--platform=$BUILDPLATFORM` for stages that cross-compile and
#   leave the flag out elsewhere; pass the target with `docker build --platform`. As in
#   BuildKit's check, a stage whose name contains the platform's OS or architecture
#   (`AS build-amd64`) is taken to be deliberate and is not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/
#     description: BuildKit build checks, FromPlatformFlagConstDisallowed
#   - ref: https://docs.docker.com/build/building/multi-platform/
#     description: Multi-platform builds
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3029, FromPlatformFlagConstDisallowed]
package infralint.rules.dockerfile["from-platform-constant"]

import data.infralint.lib.result

deny contains result.fail(input.instructions[s.from], sprintf("FROM --platform=%s always builds for that platform: use $BUILDPLATFORM or leave it out", [platform])) if {
	some s in input.stages
	platform := trim(s.platform, `"'`)
	platform != ""
	not contains(platform, "$")
	not _named_for(s, platform)
}

# The OS or architecture of the platform appears in the stage name.
_named_for(s, platform) if {
	parts := split(lower(platform), "/")
	some part in array.slice(parts, 0, 2)
	part != ""
	contains(lower(s.name), part)
}
