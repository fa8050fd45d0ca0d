# METADATA
# title: Update package indexes in the RUN that installs
# description: |
#   A `RUN` only refreshes the package index (`apt-get update`, `apk update`,
#   `yum`/`dnf makecache`, `zypper refresh`) and installs nothing.
#
#   The refreshed index is cached as its own layer. A later change to the `RUN` that
#   installs does not rebuild it, so the install uses a stale index: packages that
#   have since left the mirror fail to download, and fixes are missed. Combine the
#   update and the install in one `RUN`: `RUN apt-get update && apt-get install -y
#   ...`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
#   - ref: https://docs.docker.com/build/cache/
#     description: Docker build cache
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DS-0017, DS017, CKV_DOCKER_5]
package infralint.rules.dockerfile["package-update-alone"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(first, sprintf("%s alone in a RUN is cached apart from the install: update and install in the same RUN", [_text(first)])) if {
	some run in df.runs
	run.commands[0].program in _allowed
	run.commands[count(run.commands) - 1].program in _allowed
	first := _alone_update(run)
}

# Each RUN is judged once, and only when its first and last commands are package
# managers or trivial ones: iterating the RUN of every package-manager command judged a
# RUN again for each of them, and most RUNs fail at their first or last command.
_alone_update(run) := updates[0] if {
	every c in run.commands {
		c.program in _allowed
	}
	updates := [c | some c in run.commands; _updates(c)]
	count(updates) > 0
	every c in run.commands {
		_trivial_or_update(c)
	}
}

_allowed := {"apt-get", "apt", "apk", "zypper", "set", "echo", "true", ":", "printf"} | pkg.rpm_programs

_updates(c) if {
	c.program in {"apt-get", "apt"}
	pkg.apt_subcommand(c) == "update"
}

_updates(c) if {
	c.program == "apk"
	pkg.apk_subcommand(c) == "update"
}

_updates(c) if {
	c.program in pkg.rpm_programs
	pkg.rpm_subcommand(c) == "makecache"
}

_updates(c) if {
	c.program == "zypper"
	pkg.zypper_subcommand(c) in {"refresh", "ref"}
}

_trivial_or_update(c) if _updates(c)

_trivial_or_update(c) if c.program in {"set", "echo", "true", ":", "printf"}

_text(c) := concat(" ", [c.program, "update"]) if c.program in {"apt-get", "apt", "apk"}

_text(c) := concat(" ", [c.program, "makecache"]) if c.program in pkg.rpm_programs

_text(c) := "zypper refresh" if c.program == "zypper"
