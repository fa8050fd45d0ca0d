# METADATA
# title: Use WORKDIR instead of cd
# description: |
#   A `RUN` changes directory with `cd` for the commands after it.
#
#   A directory change lasts only until the end of its `RUN`, so each `RUN` that needs
#   it repeats the `cd`, and a reader has to trace which directory each command runs
#   in. Set the directory with `WORKDIR`, which also applies to the following `RUN`,
#   `COPY`, `CMD` and `ENTRYPOINT` instructions. Each `RUN` is reported once, at its
#   first `cd`. A `cd` inside a subshell (`( cd dir && make )`), one that is the last
#   command of its `RUN`, one that leaves a directory (`cd /`, `cd -`), and one into a
#   scratch directory of the `RUN` itself (made there by `mkdir` or `git clone`,
#   removed later in it, under `/tmp`, or `cd "$(mktemp -d)"`) are not reported: a
#   `WORKDIR` would outlive such a directory.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#workdir
#     description: Docker build best practices, WORKDIR
#   - ref: https://docs.docker.com/reference/dockerfile/#workdir
#     description: Dockerfile reference, WORKDIR
# custom:
#   severity: warning
#   category: maintainability
#   aliases: [DL3003, DS-0013, DS013]
package infralint.rules.dockerfile["run-cd"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s changes the directory of the commands after it: use WORKDIR", [_text(cmd)])) if {
	some run in _runs_with_cd
	cds := [c | some c in run.commands; c.name == "cd"; _changes_dir(run, c)]
	cmd := cds[0]
}

# One finding per RUN, at its first cd (commands are in the order of their index): the
# cds after it (often a `cd /` back out) go away with the same WORKDIR. Each RUN is
# judged once, not once per cd in it (keyed by its ptr, cheaper to hash than the RUN),
# and only its cds are asked about.
_runs_with_cd := {run.ptr: run | some [run, _] in df.commands_of.cd}

# _changes_dir is asked about cd commands only.
_changes_dir(run, cmd) if {
	not cmd.subshell
	_top_level(run, cmd)
	not _made_at_build_time(cmd)
	not _back_out(cmd)
	not _scratch_dir(run, cmd)
	_followed(run, cmd)
}

# cd /, cd -, cd ..: leaving a directory is not what WORKDIR would replace.
_back_out(cmd) if cmd.args[0] in {"/", "-", "..", "$OLDPWD"}

# A scratch directory of this RUN: made earlier in it (mkdir, git clone), removed later
# in it, or under /tmp. A WORKDIR would keep it in the image's configuration after it is
# gone; the cd is the right tool.
#
# The target is computed once, and each loop looks only at the commands before or after
# the cd.
_scratch_dir(run, cmd) if _scratch(run, cmd, _target(cmd))

_scratch(_, _, target) if startswith(target, "/tmp/")

_scratch(run, cmd, target) if {
	some c in array.slice(run.commands, 0, cmd.index)
	c.program == "mkdir"
	some a in c.args
	trim_right(a, "/") == target
}

_scratch(run, cmd, target) if {
	some c in array.slice(run.commands, 0, cmd.index)
	c.program == "git"
	"clone" in c.args
	trim_right(c.args[count(c.args) - 1], "/") == target
}

_scratch(run, cmd, target) if {
	some c in array.slice(run.commands, cmd.index + 1, count(run.commands))
	c.program == "rm"
	some a in c.args
	not startswith(a, "-")
	_under(target, trim_right(a, "/"))
}

_under(t, dir) if t == dir

_under(t, dir) if startswith(t, concat("", [dir, "/"]))

_target(cmd) := trim_right(cmd.args[0], "/")

# The RUN's own script: written directly, a heredoc body, or the script of an exec-form
# RUN ["sh", "-c", "..."]. A `sh -c` inside a shell-form RUN is a child process.
_top_level(_, cmd) if not cmd.via

_top_level(_, cmd) if cmd.via == "heredoc"

_top_level(run, cmd) if {
	run.json_form
	cmd.via == "sh -c"
}

_made_at_build_time(cmd) if {
	some a in cmd.args
	regex.match("[$][(]|`", a)
}

# Some command of the same script runs after the cd.
_followed(run, cmd) if {
	some c in run.commands
	c.index > cmd.index
	object.get(c, "via", "") == object.get(cmd, "via", "")
}

_text(cmd) := concat(" ", ["cd", cmd.args[0]]) if count(cmd.args) > 0

_text(cmd) := "cd" if count(cmd.args) == 0
