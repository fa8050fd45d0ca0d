# METADATA
# title: Write volume mappings without quotes
# description: |
#   A short-syntax volume mapping is written in quotes although it needs none.
#
#   Consistent style makes files easier to scan; quotes are only needed when a value
#   starts with a YAML indicator or holds `: ` or ` #`. Remove the quotes. The rule is
#   off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#volumes
#     description: Compose file reference, volumes
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [no-quotes-in-volumes]
package infralint.rules.compose["volumes-quoted"]

import data.infralint.lib.result

deny contains result.fail(v, sprintf("volume mapping %s does not need quotes", [v.value])) if {
	some f in input.files
	some s in f.services
	some v in s.volumes
	v.quoted
	not _needs_quotes(v.value)
}

_needs_quotes(s) if contains(s, ": ")

_needs_quotes(s) if contains(s, " #")

_needs_quotes(s) if regex.match(`^[\[\]{}*&!|>'"%@,?#-]`, s)

_needs_quotes(s) if regex.match(`\s$|^\s`, s)
