# METADATA
# title: Use apt-get install --no-install-recommends
# description: |
#   `apt-get install` also installs every package the requested ones merely recommend,
#   which makes the image larger and gives it more software to patch.
#
#   Pass `--no-install-recommends` (or `-o APT::Install-Recommends=false`) and name the
#   packages you need explicitly.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3015, DS-0029, DS029]
package infralint.rules.dockerfile["apt-get-no-install-recommends"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, "apt-get install without --no-install-recommends") if {
	some [_, cmd] in df.commands_of["apt-get"]
	pkg.apt_subcommand(cmd) == "install"
	not df.has_flag(cmd, "", "--no-install-recommends")
	not _recommends_off(cmd)
}

_recommends_off(cmd) if {
	some a in cmd.args
	contains(lower(a), "install-recommends=false")
}
