# METADATA
# title: Clean the dnf cache in the RUN that filled it
# description: |
#   A `RUN` of the shipped image installs or upgrades packages with `dnf` (or `dnf5`,
#   `tdnf`, `microdnf`) but does not run `dnf clean all` (or remove `/var/cache/dnf`)
#   before it ends.
#
#   dnf keeps repository metadata, often a hundred megabytes or more, in
#   `/var/cache/dnf` (`/var/cache/yum` for microdnf and tdnf's `/var/cache/tdnf`), and
#   once a layer holds it a later `RUN` cannot take it out. End the same `RUN` with
#   `dnf clean all` (`microdnf clean all`), or keep the cache out of the layer with
#   `--mount=type=cache,target=/var/cache/dnf`. Only the final stage and the stages it is
#   built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3040, DS-0019, DS019, DS-0027, DS027]
package infralint.rules.dockerfile["dnf-cache-not-cleaned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_caching := {
	"install", "localinstall", "reinstall", "groupinstall", "update", "upgrade",
	"makecache", "downgrade", "distro-sync", "swap",
}

_dirs := {"/var/cache/dnf", "/var/cache/yum", "/var/cache/tdnf", "/var/cache/libdnf5"}

_programs := pkg.dnf_programs | pkg.microdnf_programs

deny contains result.fail(first, sprintf("%s %s leaves its cache in the image: end the RUN with %s clean all", [p, pkg.rpm_subcommand(first), p])) if {
	some prog in _programs
	some [run, _] in df.commands_of[prog]
	pkg.in_image(run)
	fills := [c | some c in run.commands; c.program in _programs; _fills(c)]
	count(fills) > 0
	first := fills[0]
	p := first.program
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
	a in {"all", "packages", "metadata"}
}

_cleans(c) if pkg.rm_under(c, _dirs)

_fills(c) if pkg.rpm_subcommand(c) in _caching

_fills(c) if {
	ops := pkg.rpm_operands(c)
	ops[0] in {"group", "groups", "module"}
	ops[1] in {"install", "update", "upgrade", "enable"}
}
