# METADATA
# title: Keep services in their own control group
# description: |
#   The service sets `cgroup_parent`, which places its container under another control
#   group than the one Docker creates for it.
#
#   The resource limits and accounting of that group then apply instead of the
#   container's own, and a misconfigured parent can leave the container without limits
#   or share them with unrelated processes. Leave `cgroup_parent` unset unless the host
#   is managed that way on purpose. The rule is off by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#cgroup_parent
#     description: Compose file reference, cgroup_parent
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [4d9f44c6-2f4a-4317-9bb5-267adbea0232]
package infralint.rules.compose["cgroup-parent-set"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "cgroup_parent"), sprintf("service %q runs under control group %q", [svc.name, svc.cgroup_parent])) if {
	some svc in compose.services
	svc.cgroup_parent
}
