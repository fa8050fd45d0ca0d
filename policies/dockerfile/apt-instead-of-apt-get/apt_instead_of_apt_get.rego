# METADATA
# title: Use apt-get or apt-cache instead of apt
# description: |
#   A `RUN` command uses `apt`, the interactive front end, where `apt-get` or
#   `apt-cache` would do the same.
#
#   `apt` is made for people at a terminal: its output and defaults may change between
#   releases, and it warns that it "does not have a stable CLI interface" when used in
#   scripts. `apt-get` (install, update, upgrade, remove, ...) and `apt-cache` (search,
#   show, policy, ...) are the stable, scriptable interfaces; use them in Dockerfiles.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
#   - ref: https://manpages.debian.org/stable/apt/apt.8.en.html
#     description: apt(8), script usage and differences to apt-get
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3027, CKV_DOCKER_9]
package infralint.rules.dockerfile["apt-instead-of-apt-get"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

# _replacements maps the apt subcommands that have a scriptable equivalent to it.
_replacements := {
	"install": "apt-get install",
	"reinstall": "apt-get reinstall",
	"remove": "apt-get remove",
	"purge": "apt-get purge",
	"autoremove": "apt-get autoremove",
	"autopurge": "apt-get autopurge",
	"update": "apt-get update",
	"upgrade": "apt-get upgrade",
	"full-upgrade": "apt-get dist-upgrade",
	"dist-upgrade": "apt-get dist-upgrade",
	"satisfy": "apt-get satisfy",
	"build-dep": "apt-get build-dep",
	"source": "apt-get source",
	"download": "apt-get download",
	"changelog": "apt-get changelog",
	"clean": "apt-get clean",
	"autoclean": "apt-get autoclean",
	"search": "apt-cache search",
	"show": "apt-cache show",
	"policy": "apt-cache policy",
	"depends": "apt-cache depends",
	"rdepends": "apt-cache rdepends",
	"showsrc": "apt-cache showsrc",
}

deny contains result.fail(cmd, sprintf("apt %s is not meant for scripts: use %s", [sub, _replacements[sub]])) if {
	some [_, cmd] in df.commands_of["apt"]
	sub := pkg.apt_subcommand(cmd)
	_replacements[sub]
}
