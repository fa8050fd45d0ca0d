# METADATA
# title: Pass --no-log-init to useradd with a high UID
# description: |
#   A `RUN` of the shipped image runs `useradd` with a UID of `min_uid` (100000 by
#   default) or more, without `-l` (`--no-log-init`).
#
#   useradd then writes the user's entry into `/var/log/lastlog` and
#   `/var/log/faillog`, files indexed by UID: the file becomes as large as the UID
#   times the entry size, and since image layers do not keep files sparse, the image
#   grows by megabytes to gigabytes of zeros. Add `--no-log-init` (`-l`), which Docker's
#   best practices recommend for every `useradd`. Only the final stage and the stages
#   it is built `FROM` are checked; UIDs given by variables are not.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
#   - ref: https://man7.org/linux/man-pages/man8/useradd.8.html
#     description: useradd(8), -l / --no-log-init
# custom:
#   severity: warning
#   category: efficiency
#   aliases: [DL3046]
#   options:
#     min_uid:
#       type: number
#       default: 100000
#       description: The smallest UID whose log entries make the image noticeably larger.
package infralint.rules.dockerfile["useradd-without-no-log-init"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("useradd with UID %s without --no-log-init fills /var/log/lastlog and faillog in the image", [uid])) if {
	some [run, cmd] in df.commands_of.useradd
	pkg.in_image(run)
	uid := _uid(cmd)
	regex.match(`^[0-9]+$`, uid)
	to_number(uid) >= options.min_uid
	not pkg.short_flag(cmd.args, "l")
	not "--no-log-init" in cmd.args
}

_uid(cmd) := cmd.args[i + 1] if {
	some i, a in cmd.args
	a in {"-u", "--uid"}
}

_uid(cmd) := substring(a, 6, -1) if {
	some a in cmd.args
	startswith(a, "--uid=")
}

_uid(cmd) := substring(a, 2, -1) if {
	some a in cmd.args
	regex.match(`^-u[0-9]+$`, a)
}
