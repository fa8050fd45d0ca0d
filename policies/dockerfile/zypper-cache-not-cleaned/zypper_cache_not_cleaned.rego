# METADATA
# title: Clean the zypper cache in the RUN that filled it
# description: |
#   A `RUN` of the shipped image installs or updates packages with `zypper` but does not
#   run `zypper clean` (or remove `/var/cache/zypp`) before it ends.
#
#   zypper keeps repository metadata and packages in `/var/cache/zypp`, which the image
#   never needs, and once a layer holds them a later `RUN` cannot take them out. End the
#   same `RUN` with `zypper clean --all`, or keep the cache out of the layer with
#   `--mount=type=cache,target=/var/cache/zypp`. Only the final stage and the stages it
#   is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3036, DS-0020, DS020]
package infralint.rules.dockerfile["zypper-cache-not-cleaned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_caching := {
	"install", "in", "update", "up", "patch", "dist-upgrade", "dup", "refresh", "ref",
	"source-install", "si",
}

_dirs := {"/var/cache/zypp"}

deny contains result.fail(first, sprintf("zypper %s leaves its cache in /var/cache/zypp: end the RUN with zypper clean --all", [pkg.zypper_subcommand(first)])) if {
	some [run, _] in df.commands_of.zypper
	pkg.in_image(run)
	fills := [c | some c in run.commands; c.program == "zypper"; pkg.zypper_subcommand(c) in _caching]
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
	c.program == "zypper"
	pkg.zypper_subcommand(c) in {"clean", "cc"}
}

_cleans(c) if pkg.rm_under(c, _dirs)
