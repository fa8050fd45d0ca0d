# METADATA
# title: Clean the yarn cache in the RUN that filled it
# description: |
#   A `RUN` of the shipped image installs packages with `yarn` (`yarn`, `yarn install`,
#   `yarn add`, `yarn global add`) but does not run `yarn cache clean` before it ends.
#
#   yarn 1 keeps a copy of every package it downloads in its global cache (under
#   `/usr/local/share/.cache/yarn` when building as root), which can be larger than
#   `node_modules` itself, and once a layer holds it a later `RUN` cannot take it out.
#   End the same `RUN` with `yarn cache clean`, or keep the cache out of the layer with
#   `--mount=type=cache,target=/usr/local/share/.cache/yarn`. Only the final stage and
#   the stages it is built `FROM` are checked: a builder stage whose `node_modules` are
#   copied out leaves its cache behind.
# related_resources:
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
#   - ref: https://classic.yarnpkg.com/en/docs/cli/cache
#     description: yarn cache
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3060]
package infralint.rules.dockerfile["yarn-cache-not-cleaned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(first, sprintf("%s leaves its cache in the image: end the RUN with yarn cache clean", [_text(first)])) if {
	some [run, _] in df.commands_of.yarn
	pkg.in_image(run)
	fills := [c | some c in run.commands; _installs(c)]
	count(fills) > 0
	first := fills[0]
	not _cleaned_after(run, fills[count(fills) - 1])
	not _cache_mounted(run)
}

# yarn, yarn install, yarn add, yarn global add (flags anywhere).
_installs(c) if {
	c.program == "yarn"
	ops := pkg.operands(c.args, pkg.npm_valued)
	_install_ops(ops)
	not _informational(c)
}

# yarn --version, yarn --help
_informational(c) if {
	some a in c.args
	a in {"--version", "-v", "--help", "-h"}
}

_install_ops(ops) if count(ops) == 0

_install_ops(ops) if ops[0] in {"install", "add"}

_install_ops(ops) if {
	ops[0] == "global"
	ops[1] == "add"
}

_text(c) := concat(" ", ["yarn", pkg.operands(c.args, pkg.npm_valued)[0]]) if count(pkg.operands(c.args, pkg.npm_valued)) > 0

else := "yarn"

_cleaned_after(run, last) if {
	some c in run.commands
	c.index > last.index
	c.program == "yarn"
	ops := pkg.operands(c.args, pkg.npm_valued)
	ops[0] == "cache"
	ops[1] == "clean"
}

_cleaned_after(run, last) if {
	some c in run.commands
	c.index > last.index
	c.program == "rm"
	some a in c.args
	contains(a, ".cache/yarn")
}

_cache_mounted(run) if {
	some t in pkg.mount_targets(run)
	contains(t, "yarn")
}
