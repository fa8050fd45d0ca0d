# METADATA
# title: Do not add dangerous capabilities
# description: |
#   The service adds a Linux capability (`cap_add`) that gives it power over the host or
#   over other containers: `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`,
#   `SYS_RAWIO`, `DAC_READ_SEARCH`, `SYS_BOOT`, `SYS_TIME`, `MAC_ADMIN`, `MAC_OVERRIDE`,
#   `BPF` or `PERFMON`.
#
#   `SYS_ADMIN` alone allows mounting file systems and is close to `privileged`;
#   `SYS_PTRACE` reads the memory of other processes; `SYS_MODULE` loads kernel modules.
#   Add only the narrow capability the service needs (`NET_BIND_SERVICE` to bind a port
#   below 1024), drop the others with `cap_drop: [ALL]`, and list deliberate exceptions
#   in the `allowed` option.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#cap_add
#     description: Compose file reference, cap_add
#   - ref: https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
#     description: Runtime privilege and Linux capabilities
# custom:
#   severity: warning
#   category: security
#   aliases: [ce76b7d0-9e77-464d-b86f-c5c48e03e22d]
#   options:
#     allowed:
#       type: array
#       default: []
#       description: Capabilities not to report, such as NET_ADMIN for a VPN service.
package infralint.rules.compose["dangerous-capability"]

import data.infralint.lib.compose
import data.infralint.lib.result

_dangerous := {
	"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "SYS_RAWIO",
	"DAC_READ_SEARCH", "SYS_BOOT", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE", "BPF", "PERFMON",
}

deny contains result.at(sprintf("%s/cap_add/%d", [svc.ptr, i]), sprintf("service %q adds capability %s", [svc.name, cap])) if {
	some svc in compose.services
	some i, raw in svc.cap_add
	cap := trim_prefix(upper(raw), "CAP_")
	cap in _dangerous
	not _allowed(cap)
}

_allowed(cap) if {
	some a in options.allowed
	trim_prefix(upper(a), "CAP_") == cap
}
