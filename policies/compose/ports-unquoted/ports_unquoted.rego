# METADATA
# title: Quote HOST:CONTAINER port mappings
# description: |
#   A short-syntax port mapping with a colon is written without quotes.
#
#   YAML 1.1 parsers read some `HOST:CONTAINER` values of numbers below 60 as base-60
#   integers (`22:22` is 1342), and the Compose Specification asks for port mappings to
#   be quoted strings. Quote them: `"22:22"`. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [require-quotes-in-ports]
package infralint.rules.compose["ports-unquoted"]

import data.infralint.lib.result

deny contains result.fail(p, sprintf("port mapping %s is not quoted", [p.value])) if {
	some f in input.files
	some s in f.services
	some p in s.ports
	not p.quoted
	contains(p.value, ":")
}
