# METADATA
# title: Follow the team's container naming pattern
# description: |
#   A service's `container_name` does not match the naming pattern set in the rule's
#   `pattern` option.
#
#   Teams that do fix container names usually want them to say which project they belong
#   to (`shop-db`), so that `docker ps` on a shared host stays readable. Set `pattern`
#   to a regular expression, such as `^shop-[a-z0-9-]+$`. The default only accepts what
#   Docker accepts. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#container_name
#     description: Compose file reference, container_name
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [service-container-name-regex]
#   options:
#     pattern:
#       type: string
#       default: "^[a-zA-Z0-9][a-zA-Z0-9_.-]+$"
#       description: A regular expression every container_name must match.
package infralint.rules.compose["container-name-pattern"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "container_name"), sprintf("service %q: container_name %q does not match %s", [svc.name, svc.container_name, options.pattern])) if {
	some svc in compose.services
	svc.container_name
	not regex.match(options.pattern, svc.container_name)
}
