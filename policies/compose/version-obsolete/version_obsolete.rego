# METADATA
# title: Remove the obsolete version attribute
# description: |
#   The file has a top-level `version:`. Compose ignores it and prints a warning on every
#   run: since Compose v2 the file format is the Compose Specification, whatever the
#   version says.
#
#   The attribute misleads readers into thinking features depend on it, and it keeps
#   editors validating against old schemas. Delete the line.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/version-and-name/
#     description: Compose file reference, version and name top-level elements
# custom:
#   severity: warning
#   category: maintainability
#   aliases: [no-version-field]
package infralint.rules.compose["version-obsolete"]

import data.infralint.lib.result

deny contains result.fail(f.version, sprintf("the top-level version %q is obsolete: Compose ignores it", [f.version.value])) if {
	some f in input.files
	f.version
}
