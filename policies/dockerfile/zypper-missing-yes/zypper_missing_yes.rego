# METADATA
# title: Run zypper non-interactively
# description: |
#   A `zypper` command that asks for confirmation (`install`, `remove`, `update`,
#   `patch`, `dist-upgrade`, ...) runs without `-n` (`--non-interactive`) or `-y`
#   (`--no-confirm`).
#
#   A build has no terminal to answer zypper's questions, so the step fails or hangs
#   until it times out. Pass the global option `-n` before the subcommand
#   (`zypper -n install curl`), which also answers questions about repository keys, or
#   `-y` after it.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://en.opensuse.org/SDB:Zypper_manual
#     description: zypper manual, --non-interactive
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3034]
package infralint.rules.dockerfile["zypper-missing-yes"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_prompting := {
	"install", "in", "remove", "rm", "update", "up", "patch", "dist-upgrade", "dup",
	"source-install", "si", "install-new-recommends", "inr", "verify", "ve",
}

deny contains result.fail(cmd, sprintf("zypper %s without -n or -y", [sub])) if {
	some [run, cmd] in df.commands_of["zypper"]
	sub := pkg.zypper_subcommand(cmd)
	sub in _prompting
	not _non_interactive(cmd)
	not pkg.fed_by_yes(run, cmd)
}

_non_interactive(cmd) if pkg.short_flag(cmd.args, "n")

_non_interactive(cmd) if pkg.short_flag(cmd.args, "y")

_non_interactive(cmd) if {
	some a in cmd.args
	a in {"--non-interactive", "--no-confirm"}
}
