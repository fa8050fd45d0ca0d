# METADATA
# title: Do not set passwords in the image
# description: |
#   A `RUN` of the shipped image sets or removes a user's password: `chpasswd`,
#   `passwd` (`--stdin`, `-d`), or `useradd`/`usermod` with `-p`.
#
#   The password (or the empty password) is then stored in `/etc/shadow` of every
#   container started from the image, and the plain-text value usually sits in the
#   Dockerfile and in the image history too. Containers do not need login passwords:
#   run as an unprivileged user, reach the container with `docker exec`, and pass any
#   credential an application needs at run time (a secret or an environment
#   variable). Only the final stage and the stages it is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
#   - ref: https://docs.docker.com/build/building/secrets/
#     description: Build secrets
# custom:
#   severity: warning
#   category: security
#   aliases: [CKV2_DOCKER_17]
package infralint.rules.dockerfile["password-set-in-build"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s sets a password that is stored in the image", [what])) if {
	some prog in {"chpasswd", "chgpasswd", "passwd", "useradd", "usermod"}
	some [run, cmd] in df.commands_of[prog]
	pkg.in_image(run)
	what := _sets_password(cmd)
}

_sets_password(cmd) := "chpasswd" if cmd.program in {"chpasswd", "chgpasswd"}

_sets_password(cmd) := "passwd --stdin" if {
	cmd.program == "passwd"
	"--stdin" in cmd.args
}

_sets_password(cmd) := "passwd -d" if {
	cmd.program == "passwd"
	some a in cmd.args
	a in {"-d", "--delete"}
}

_sets_password(cmd) := sprintf("%s -p", [cmd.program]) if {
	cmd.program in {"useradd", "usermod"}
	some a in cmd.args
	a in {"-p", "--password"}
}
