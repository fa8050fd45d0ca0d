# METADATA
# title: Clean the yum cache in the RUN that filled it
# description: |
#   A `RUN` of the shipped image installs or updates packages with `yum` but does not
#   run `yum clean all` (or remove `/var/cache/yum`) before it ends.
#
#   yum keeps repository metadata and downloaded packages in `/var/cache/yum`, often
#   hundreds of megabytes that the image never needs, and once a layer holds them a
#   later `RUN` cannot take them out. End the same `RUN` with `yum clean all`, or keep
#   the cache out of the layer with `--mount=type=cache,target=/var/cache/yum`. Only the
#   final stage and the stages it is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3032, DS-0015, DS015]
package infralint.rules.dockerfile["yum-cache-not-cleaned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_caching := {
	"install", "localinstall", "reinstall", "groupinstall", "groupupdate", "update",
	"upgrade", "makecache", "downgrade", "distro-sync",
}

_dirs := {"/var/cache/yum", "/var/cache/dnf"}

deny contains result.fail(first, sprintf("yum %s leaves its cache in /var/cache/yum: end the RUN with yum clean all", [pkg.rpm_subcommand(first)])) if {
	some prog in pkg.yum_programs
	some [run, _] in df.commands_of[prog]
	pkg.in_image(run)
	fills := [c | some c in run.commands; c.program in pkg.yum_programs; _fills(c)]
	count(fills) > 0
	first := fills[0]
	not _cleaned_after(run, fills[count(fills) - 1])
	not pkg.cache_mounted(run, _dirs)
}

_cleaned_after(run, last) if {
	some c in run.commands
	c.index > last.index
	_cleans(c)
}

_cleans(c) if {
	c.program in pkg.rpm_programs
	pkg.rpm_subcommand(c) == "clean"
	some a in pkg.rpm_operands(c)
	a in {"all", "packages"}
}

_cleans(c) if pkg.rm_under(c, _dirs)

_fills(c) if pkg.rpm_subcommand(c) in _caching

_fills(c) if {
	ops := pkg.rpm_operands(c)
	ops[0] in {"group", "groups", "module"}
	ops[1] in {"install", "update", "upgrade", "enable"}
}
