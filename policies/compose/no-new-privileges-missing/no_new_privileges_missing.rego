# METADATA
# title: Set no-new-privileges
# description: |
#   The service does not set `security_opt: [no-new-privileges:true]`, so its processes
#   can gain privileges through setuid and setgid binaries (su, sudo, ping in some
#   images).
#
#   With the option set, an attacker running as an unprivileged user in the container
#   cannot use such a binary to become root. Add `no-new-privileges:true` to the
#   service's `security_opt`. The rule is off by default, as most images work with it
#   but few Compose files set it.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#security-opt
#     description: docker run, security options
#   - ref: https://docs.docker.com/reference/compose-file/services/#security_opt
#     description: Compose file reference, security_opt
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [27fcc7d6-c49b-46e0-98f1-6c082a6a2750, 610e266e-6c12-4bca-9925-1ed0cd29742b]
package infralint.rules.compose["no-new-privileges-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q does not set no-new-privileges", [svc.name])) if {
	some svc in compose.services
	not _set(svc)
}

_set(svc) if {
	some opt in svc.security_opt
	regex.match(`^no-new-privileges(?:[:=]true)?$`, lower(trim_space(opt)))
}
