# METADATA
# title: Limit memory and CPU
# description: |
#   The service sets no memory limit or no CPU limit (`deploy.resources.limits`, or
#   `mem_limit` and `cpus`).
#
#   A container without limits can take all of the host's memory, and the kernel then
#   kills processes of other containers to recover; a busy loop takes every CPU. Set
#   `deploy.resources.limits.memory` and `.cpus` from the service's measured use. The
#   rule is off by default: development setups rarely need limits.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/deploy/#resources
#     description: Compose deploy specification, resources
#   - ref: https://docs.docker.com/engine/containers/resource_constraints/
#     description: Resource constraints
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [bb9ac4f7-e13b-423d-a010-c74a1bfbe492, 6b610c50-99fb-4ef0-a5f3-e312fd945bc3]
package infralint.rules.compose["resource-limits-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q has no memory limit", [svc.name])) if {
	some svc in compose.services
	not svc.mem_limit
	not svc.deploy.limits.memory
}

deny contains result.fail(svc, sprintf("service %q has no CPU limit", [svc.name])) if {
	some svc in compose.services
	not svc.cpus
	not svc.cpu_quota
	not svc.deploy.limits.cpus
}
