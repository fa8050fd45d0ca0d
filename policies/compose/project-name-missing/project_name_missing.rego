# METADATA
# title: Name the project
# description: |
#   No Compose file of the project sets the top-level `name:`, so the project is named
#   after the directory it is run from.
#
#   The same project checked out in two differently named directories gets different
#   container, network and volume names, and two projects in directories of the same
#   name share them. Set `name:` in the main file. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/version-and-name/#name-top-level-element
#     description: Compose file reference, the name top-level element
# custom:
#   severity: info
#   category: maintainability
#   enabled: false
#   aliases: [require-project-name-field]
package infralint.rules.compose["project-name-missing"]

import data.infralint.lib.result

# The finding is on the first key of the main file, where `name:` would go.
deny contains result.at(f.keys[0].ptr, "the project has no name: it is named after its directory") if {
	some f in input.files
	f.role == "base"
	not _named
}

_named if {
	some f in input.files
	f.role in {"base", "override"}
	f.project_name
}
