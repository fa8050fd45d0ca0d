# METADATA
# title: Set a restart policy
# description: |
#   The service sets neither `restart` nor `deploy.restart_policy`, so a container that
#   crashes, or that was running when the host rebooted, stays down.
#
#   Choose the behaviour: `restart: unless-stopped` (or `always`) for long-running
#   services, `on-failure` for jobs that should retry, `"no"` to state that the service
#   must not restart. One-shot services that others wait on with
#   `service_completed_successfully` are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#restart
#     description: Compose file reference, restart
#   - ref: https://docs.docker.com/engine/containers/start-containers-automatically/
#     description: Start containers automatically
# custom:
#   severity: info
#   category: reliability
#   aliases: [2fc99041-ddad-49d5-853f-e35e70a48391]
package infralint.rules.compose["restart-policy-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q has no restart policy: it stays down after a crash or a reboot", [svc.name])) if {
	some svc in compose.services
	not svc.restart
	not svc.deploy.restart_policy
	not _one_shot(svc)
}

_one_shot(svc) if {
	some other in compose.services
	other.depends_on[svc.name].condition == "service_completed_successfully"
}
