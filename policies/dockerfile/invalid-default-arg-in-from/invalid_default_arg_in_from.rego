# METADATA
# title: Give the ARGs used in FROM a valid default
# description: |
#   A `FROM` uses global `ARG`s whose defaults expand to an empty or invalid image
#   reference, such as `FROM alpine:${TAG}` after `ARG TAG` without a default.
#
#   The build then works only when every caller passes `--build-arg TAG=...`; a plain
#   `docker build` fails with "invalid reference format", and tools that read the
#   Dockerfile (scanners, Dependabot) cannot tell which image it uses. Give each such
#   `ARG` a default (`ARG TAG=3.20`), or a default in the reference itself
#   (`${TAG:-3.20}`).
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/
#     description: BuildKit build checks, InvalidDefaultArgInFrom
#   - ref: https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact
#     description: Dockerfile reference, how ARG and FROM interact
# custom:
#   severity: warning
#   category: reliability
#   aliases: [InvalidDefaultArgInFrom]
package infralint.rules.dockerfile["invalid-default-arg-in-from"]

import data.infralint.lib.result

deny contains result.fail(s.base, sprintf("FROM %s is not a valid image reference with the default ARG values: give the ARGs defaults", [s.base.raw])) if {
	some s in input.stages
	s.base.variables
	s.base.invalid
	not _undeclared(s)
}

# Undefined variables are undefined-var's finding, not this one.
_undeclared(s) if {
	some v in input.instructions[s.from].vars
	not v.defined
}
