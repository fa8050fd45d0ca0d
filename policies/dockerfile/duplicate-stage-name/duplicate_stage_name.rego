# METADATA
# title: Give each stage a unique name
# description: |
#   Two `FROM ... AS <name>` instructions use the same stage name (names are compared
#   without regard to case).
#
#   `COPY --from`, `FROM <stage>` and `--target` can then refer to only one of them, and
#   which one is easy to get wrong when reading the file. Rename one of the stages.
#   Every stage that reuses an earlier stage's name is reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/duplicate-stage-name/
#     description: BuildKit build checks, DuplicateStageName
#   - ref: https://docs.docker.com/build/building/multi-stage/#name-your-build-stages
#     description: Multi-stage builds, name your build stages
# custom:
#   severity: error
#   category: reliability
#   aliases: [DL3024, DuplicateStageName, DS-0012, DS012, CKV_DOCKER_11]
package infralint.rules.dockerfile["duplicate-stage-name"]

import data.infralint.lib.result

deny contains result.fail(s, sprintf("stage name %q is already used by stage %d", [s.name, first.index])) if {
	some s in input.stages
	s.name
	some first in input.stages
	first.index < s.index
	first.name
	lower(first.name) == lower(s.name)
	not _earlier_duplicate(first)
}

# Point at the first use of the name only once: a third stage is reported against the
# first, not also against the second.
_earlier_duplicate(s) if {
	some e in input.stages
	e.index < s.index
	e.name
	lower(e.name) == lower(s.name)
}
