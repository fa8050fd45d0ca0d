# METADATA
# title: Avoid dist-upgrade in a Dockerfile
# description: |
#   A `RUN` runs `apt-get dist-upgrade` (`full-upgrade`) or `zypper dist-upgrade`
#   (`dup`), which may move the image to packages of another release than its base.
#
#   A distribution upgrade can remove and replace packages, pull in a new major
#   version, and makes the image drift away from the base image it names; prefer a
#   newer base image tag, and `apt-get upgrade` / `zypper update` for security fixes.
#   The rule is off by default: Docker's best practices no longer advise against
#   upgrading packages, and some teams upgrade on purpose.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
#   - ref: https://en.opensuse.org/SDB:Zypper_manual
#     description: zypper manual, dist-upgrade
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [DL3035, DL3005, DS-0024, DS024]
package infralint.rules.dockerfile["package-dist-upgrade"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s %s upgrades the image to another distribution release: use a newer base image", [cmd.program, sub])) if {
	some prog in {"apt-get", "apt"}
	some [_, cmd] in df.commands_of[prog]
	sub := pkg.apt_subcommand(cmd)
	sub in {"dist-upgrade", "full-upgrade"}
}

deny contains result.fail(cmd, sprintf("zypper %s upgrades the image to another distribution release: use a newer base image", [sub])) if {
	some [_, cmd] in df.commands_of["zypper"]
	sub := pkg.zypper_subcommand(cmd)
	sub in {"dist-upgrade", "dup"}
}
