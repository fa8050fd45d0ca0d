# METADATA
# title: Keep seccomp, AppArmor and SELinux confinement on
# description: |
#   The service's `security_opt` turns off a confinement layer Docker applies by
#   default: `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` (SELinux) or
#   `systempaths=unconfined`.
#
#   The default seccomp profile blocks about 40 rarely needed system calls, several of
#   which are the usual way out of a container; AppArmor and SELinux confine what the
#   processes can touch. If a system call is missing, write a seccomp profile that adds
#   it (`seccomp:./profile.json`) instead of disabling the whole profile.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/seccomp/
#     description: Seccomp security profiles for Docker
#   - ref: https://docs.docker.com/reference/compose-file/services/#security_opt
#     description: Compose file reference, security_opt
# custom:
#   severity: warning
#   category: security
#   aliases: [404fde2c-bc4b-4371-9747-7054132ac953]
package infralint.rules.compose["security-profile-disabled"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(sprintf("%s/security_opt/%d", [svc.ptr, i]), sprintf("service %q turns off %s confinement", [svc.name, what])) if {
	some svc in compose.services
	some i, opt in svc.security_opt
	parts := regex.split(`[:=]`, lower(trim_space(opt)))
	count(parts) >= 2
	what := _disabled(parts[0], parts[1])
}

_disabled("seccomp", "unconfined") := "seccomp"

_disabled("apparmor", "unconfined") := "AppArmor"

_disabled("label", "disable") := "SELinux"

_disabled("systempaths", "unconfined") := "masked system path"
