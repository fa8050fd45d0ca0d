# METADATA
# title: Answer apt-get prompts with -y
# description: |
#   An `apt-get` command that can ask for confirmation (`install`, `remove`, `upgrade`,
#   ...) runs without `-y`.
#
#   A build has no terminal to answer the "Do you want to continue?" prompt: apt-get
#   reads end-of-file, aborts and fails the step, or, behind `|| true`, silently installs
#   nothing. Pass `-y` (`--yes`, `--assume-yes`); a quiet level of two (`-qq`) also
#   implies it, as does `-o APT::Get::Assume-Yes=true`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
#   - ref: https://manpages.debian.org/stable/apt/apt-get.8.en.html
#     description: apt-get(8), options -y and -q
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3014, DS-0021, DS021]
package infralint.rules.dockerfile["apt-get-missing-yes"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

# The subcommands that ask before changing the system.
_prompting := {
	"install", "reinstall", "remove", "purge", "upgrade", "dist-upgrade", "full-upgrade",
	"dselect-upgrade", "autoremove", "auto-remove", "autopurge", "build-dep", "satisfy",
}

deny contains result.fail(cmd, sprintf("apt-get %s without -y", [sub])) if {
	some [run, cmd] in df.commands_of["apt-get"]
	sub := pkg.apt_subcommand(cmd)
	sub in _prompting
	not pkg.short_flag(cmd.args, "y") # the usual answer, before every body of _assumes_yes runs
	not _assumes_yes(cmd)
	not _simulates(cmd)
	not _fed_by_yes(run, cmd)
}

_assumes_yes(cmd) if pkg.short_flag(cmd.args, "y")

_assumes_yes(cmd) if pkg.long_flag(cmd.args, "--yes")

_assumes_yes(cmd) if pkg.long_flag(cmd.args, "--assume-yes")

_assumes_yes(cmd) if _quiet_count(cmd) >= 2

_assumes_yes(cmd) if {
	some a in cmd.args
	regex.match(`^(-q|--quiet|--silent)=([2-9]|[1-9][0-9]+)$`, a)
}

_assumes_yes(cmd) if {
	some a in cmd.args
	regex.match(`(?i)^(-o|--option=)?APT::Get::Assume-Yes=(1|true|yes|on|enable)$`, a)
}

_assumes_yes(cmd) if {
	some a in cmd.args
	regex.match(`(?i)^(-o|--option=)?quiet=([2-9]|[1-9][0-9]+)$`, a)
}

# _quiet_count counts -q (also inside groups: -qq, -qy), --quiet and --silent.
_quiet_count(cmd) := n if {
	counts := [c |
		some a in cmd.args
		regex.match(`^-[A-Za-z0-9]+$`, a)
		c := count([l | some l in split(substring(a, 1, -1), ""); l == "q"])
	]
	longs := count([a | some a in cmd.args; a in {"--quiet", "--silent"}])
	n := sum(counts) + longs
}

# A simulation (-s, --dry-run, ...) changes nothing and never asks.
_simulates(cmd) if pkg.short_flag(cmd.args, "s")

_simulates(cmd) if {
	some a in cmd.args
	a in {"--simulate", "--just-print", "--dry-run", "--recon", "--no-act"}
}

# `yes | apt-get install x` answers the prompt.
_fed_by_yes(run, cmd) if {
	cmd.pipeline >= 0
	some other in run.commands
	other.pipeline == cmd.pipeline
	other.pipe_position < cmd.pipe_position
	other.program == "yes"
}
