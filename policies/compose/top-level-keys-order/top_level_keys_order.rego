# METADATA
# title: Write top-level sections in a consistent order
# description: |
#   The top-level sections of a file are not in the order the rule's `order` option
#   gives (by default: `name`, `include`, `services`, `networks`, `volumes`, `secrets`,
#   `configs`).
#
#   Files that share one layout are quicker to read and review. Extension sections
#   (`x-*`) may be anywhere. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/
#     description: Compose file reference
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [top-level-properties-order]
#   options:
#     order:
#       type: array
#       default: [version, name, include, services, networks, volumes, secrets, configs, models]
#       description: The top-level sections in the order they should be written.
package infralint.rules.compose["top-level-keys-order"]

import data.infralint.lib.result

deny contains result.fail(k, sprintf("%s should come before %s", [k.name, prev.name])) if {
	some f in input.files
	known := [key | some key in f.keys; _rank(key.name)]
	some i, k in known
	i > 0
	prev := known[i - 1]
	_rank(k.name) < _rank(prev.name)
}

_rank(name) := i if {
	some i, n in options.order
	n == name
}
