# METADATA
# title: Replace links with networks
# description: |
#   The service uses `links` or `external_links`, a legacy feature from before
#   user-defined networks.
#
#   Services on a shared network reach each other by service name without links, and
#   links no longer isolate anything. Remove `links`; use `depends_on` for start order,
#   `networks` aliases for other names, and an external network instead of
#   `external_links`.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#links
#     description: Compose file reference, links
#   - ref: https://docs.docker.com/compose/how-tos/networking/
#     description: Networking in Compose
# custom:
#   severity: info
#   category: maintainability
package infralint.rules.compose["links-deprecated"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, field), sprintf("service %q uses %s, a legacy feature: services on a shared network reach each other by name", [svc.name, field])) if {
	some svc in compose.services
	some field in ["links", "external_links"]
	count(svc[field]) > 0
}
