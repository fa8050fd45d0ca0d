# METADATA
# title: Set pipefail before using pipes in RUN
# description: |
#   A `RUN` pipes one command into another (`a | b`) without `pipefail`, so a failure of
#   any command but the last goes unnoticed.
#
#   A shell reports the exit status of the last command of a pipe only: in
#   `RUN wget -O - https://example.org/x | tar -xz`, a failed download still gives a
#   successful build step with a missing or truncated file. Set the shell once for the
#   stage with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, or start the `RUN` with
#   `set -o pipefail &&` when its shell supports it. The dash releases that Debian and
#   Ubuntu images use as `/bin/sh` reject `set -o pipefail`, so there use the `SHELL`
#   above or an exec-form `RUN ["/bin/bash", "-o", "pipefail", "-c", "..."]`; busybox
#   ash (Alpine) supports it. Pipes whose earlier commands cannot fail (`echo`,
#   `printf`, `yes`, `true`) and pipes used as a condition (`if a | b`, `a | b || ...`)
#   are not reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#using-pipes
#     description: Docker build best practices, using pipes
#   - ref: https://docs.docker.com/reference/dockerfile/#shell
#     description: Dockerfile reference, SHELL
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL4006]
package infralint.rules.dockerfile["pipefail-missing"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(first, sprintf("the exit status of %q is lost in a pipe without pipefail", [culprit.name])) if {
	some run in df.runs
	run.pipelines > 0
	_posix(run)
	not _shell_sets_pipefail(run)
	some first in _heads(run)
	not _set_before(run, first)
	culprit := _culprit(run, first.pipeline)
}

# _heads are the commands of the RUN that start a pipe (of a wrapper and the command it
# runs, the wrapper) unconditionally.
_heads(run) := [c |
	some c in run.commands
	c.pipeline >= 0
	c.pipe_position == 0
	not _wrapped_first(run, c)
	not c.condition
]

_wrapped_first(run, first) if {
	first.index > 0
	prev := run.commands[first.index - 1]
	prev.pipeline == first.pipeline
	prev.pipe_position == 0
}

_posix(run) if run.shell_kind == "posix"

_posix(run) if run.json_form

# SHELL ["/bin/bash", "-o", "pipefail", "-c"], or RUN ["bash", "-o", "pipefail", "-c", "..."].
_shell_sets_pipefail(run) if _enables_pipefail(run.shell)

_shell_sets_pipefail(run) if {
	run.json_form
	_enables_pipefail(run.args)
}

# _enables_pipefail is true for a word list holding `-o pipefail`, with the o possibly
# in a group (-eo pipefail, -euxo pipefail).
_enables_pipefail(words) if {
	some i, w in words
	w == "pipefail"
	i > 0
	regex.match(`^-[A-Za-z]*o$`, words[i - 1])
}

# `set -o pipefail` (or a shell started with -o pipefail) earlier in the same RUN. The
# commands that set pipefail are found once per document, among the commands of the
# shells and `set` (df.commands_of), instead of in every command of the RUN for each
# pipe.
_set_before(run, first) if {
	some [ptr, i] in _pipefail_sets
	ptr == run.ptr
	i < first.index
}

# _pipefail_sets are the [RUN ptr, command index] of the commands that set pipefail.
_pipefail_sets contains [run.ptr, c.index] if {
	some p in _setters
	some [run, c] in df.commands_of[p]
	_enables_pipefail(c.args)
}

_setters := {"set", "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"}

# _culprit is the first command before the last of the pipe that can fail; its status
# is the one a pipe without pipefail drops. Of a wrapper and the command it runs (sudo
# tar), the wrapper comes first.
_culprit(run, id) := c if {
	pipe := [c | some c in run.commands; c.pipeline == id]
	last := max({c.pipe_position | some c in pipe})
	failing := [c |
		some c in pipe
		c.pipe_position < last
		not c.program in _never_fail
	]
	c := failing[0] # the commands are in the order of their index
}

_never_fail := {"echo", "printf", "yes", "true"}
