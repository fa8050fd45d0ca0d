# METADATA
# title: Use apk add --no-cache
# description: |
#   A `RUN` of the shipped image runs `apk add` without `--no-cache` (or `apk update`)
#   and leaves the package index in `/var/cache/apk`.
#
#   The index apk downloads is only needed while installing; left in the layer it adds
#   a few megabytes to every image, and a later `RUN` cannot take it out again. Use
#   `apk add --no-cache`, which fetches the index to a temporary place and needs no
#   `apk update`; or remove `/var/cache/apk/*` at the end of the same `RUN`; or keep the
#   cache out of the layer with `--mount=type=cache,target=/var/cache/apk`. Only the
#   final stage and the stages it is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
#   - ref: https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper
#     description: Alpine Package Keeper (apk), cache and --no-cache
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3019, DS-0025, DS025]
package infralint.rules.dockerfile["apk-no-cache"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("apk %s without --no-cache leaves its index in /var/cache/apk", [pkg.apk_subcommand(cmd)])) if {
	some run in _apk_runs
	pkg.in_image(run)
	caching := _caching(run)
	count(caching) > 0
	cmd := caching[0]
	not _cleaned_after(run, caching[count(caching) - 1])
	not _cache_mounted(run)
}

# Each RUN is judged once, not once per apk command in it (keyed by its ptr, cheaper to
# hash than the RUN).
_apk_runs := {run.ptr: run | some [run, _] in df.commands_of.apk}

# _caching are the apk commands of a RUN that store the index: add and update without
# --no-cache. With --no-network apk fetches nothing, so it stores nothing either.
_caching(run) := [c |
	some c in run.commands
	c.program == "apk"
	pkg.apk_subcommand(c) in {"add", "update"}
	not pkg.long_flag(c.args, "--no-cache")
	not pkg.long_flag(c.args, "--no-network")
]

_cleaned_after(run, last) if {
	some c in run.commands
	c.index > last.index
	_cleans(c)
}

_cleans(c) if pkg.removes(c, "/var/cache/apk")

_cleans(c) if pkg.removes(c, "/etc/apk/cache")

_cache_mounted(run) if {
	some t in pkg.mount_targets(run)
	t in {"/var/cache/apk", "/etc/apk/cache"}
}
