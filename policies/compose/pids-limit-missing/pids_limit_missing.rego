# METADATA
# title: Limit the number of processes
# description: |
#   The service sets no process limit (`pids_limit`, or `deploy.resources.limits.pids`),
#   or sets it to -1 (unlimited).
#
#   Without a limit, a fork bomb or a runaway worker pool in one container exhausts the
#   host's process table and takes every other container down with it. Set a limit well
#   above the service's normal number of processes, such as `pids_limit: 200`. The rule is
#   off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#pids_limit
#     description: Compose file reference, pids_limit
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [221e0658-cb2a-44e3-b08a-db96a341d6fa]
package infralint.rules.compose["pids-limit-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q has no process limit", [svc.name])) if {
	some svc in compose.services
	not _limited(svc)
	not svc.pids_limit == -1
}

deny contains result.at(compose.at(svc, "pids_limit"), sprintf("service %q sets an unlimited process count", [svc.name])) if {
	some svc in compose.services
	svc.pids_limit == -1
}

_limited(svc) if svc.pids_limit > 0

_limited(svc) if svc.deploy.limits.pids > 0
