# METADATA
# title: Remove the apt lists in the RUN that fetched them
# description: |
#   A `RUN` of the shipped image runs `apt-get update` or `apt-get install` but does not
#   remove `/var/lib/apt/lists` before it ends.
#
#   The package lists that `apt-get update` downloads are tens of megabytes that the
#   image never needs at run time, and once a layer holds them a later `RUN` cannot
#   take them out again. End the same `RUN` with `rm -rf /var/lib/apt/lists/*` (or,
#   with apt 2.7.8 and later, `apt-get distclean`), or keep the lists out of the layer
#   with `--mount=type=cache,target=/var/lib/apt/lists` (a `RUN` with a cache mount on
#   `/var/lib/apt` or `/var/cache/apt` is also taken as managing apt's caches on
#   purpose). Only the final stage and the stages it is built `FROM` are checked: a
#   builder stage whose files are copied out with `COPY --from` leaves its lists behind.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3009]
package infralint.rules.dockerfile["apt-lists-not-removed"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s %s leaves /var/lib/apt/lists in the image", [cmd.program, pkg.apt_subcommand(cmd)])) if {
	_uses_apt
	some run in df.runs
	fetches := _fetches(run)
	cmd := _culprit(fetches)
	pkg.in_image(run)
	not _removed_after(run, fetches[count(fetches) - 1])
	not _cache_mounted(run)
}

# Each RUN is judged once, from the list of its fetches: iterating the RUN of every apt
# command instead judged a RUN again for each of its apt commands, and rebuilt the list
# each time it was asked for (a fifth of the Dockerfile rules' evaluation on the corpus).
_uses_apt if df.commands_of["apt-get"]

_uses_apt if df.commands_of.apt

# _fetches are the apt commands of a RUN that download package lists.
_fetches(run) := [c |
	some c in run.commands
	c.program in {"apt-get", "apt"}
	pkg.apt_subcommand(c) in {"install", "update"}
]

# _culprit is the first install of the RUN, or its first update when it installs nothing.
_culprit(fetches) := installs[0] if {
	installs := [c | some c in fetches; pkg.apt_subcommand(c) == "install"]
	count(installs) > 0
} else := fetches[0]

# The lists must be removed after the last command that fetched them.
_removed_after(run, last) if {
	some c in run.commands
	c.index > last.index
	c.program in {"rm", "apt-get", "apt", "find"} # the only programs _removes_lists judges
	_removes_lists(c)
}

_removes_lists(c) if pkg.removes(c, "/var/lib/apt/lists")

_removes_lists(c) if pkg.removes(c, "/var/lib/apt")

# apt 2.7.8 and later (Debian 13): distclean removes the lists except the Release files.
_removes_lists(c) if {
	c.program in {"apt-get", "apt"}
	pkg.apt_subcommand(c) in {"distclean", "dist-clean"}
}

_removes_lists(c) if {
	c.program == "find"
	c.args[0] in {"/var/lib/apt/lists", "/var/lib/apt/lists/"}
	some a in c.args
	a in {"-delete", "-exec"}
}

_cache_mounted(run) if {
	some t in pkg.mount_targets(run)
	t in {"/var/lib/apt", "/var/lib/apt/lists", "/var/cache/apt"}
}
