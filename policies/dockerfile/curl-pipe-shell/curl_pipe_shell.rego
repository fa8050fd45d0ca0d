# METADATA
# title: Do not pipe downloads into a shell
# description: |
#   A `RUN` pipes what `curl` or `wget` downloads straight into a shell (`curl ... | sh`),
#   or runs it with `sh -c "$(curl ...)"`.
#
#   The script runs with the build's privileges before anyone has seen it: a compromised
#   or hijacked server, a redirect, or a download cut off halfway all become code that
#   runs in your image, and the build cannot tell which version it got. Download the
#   file, verify it against a checksum or signature you keep in the Dockerfile, then
#   run it; `ADD --checksum=sha256:... <url> <dest>` does the download and the check in
#   one step.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
#     description: Docker build best practices, ADD or COPY (remote files with --checksum)
#   - ref: https://docs.docker.com/reference/dockerfile/#add---checksum
#     description: Dockerfile reference, ADD --checksum
# custom:
#   severity: warning
#   category: security
#   aliases: []
package infralint.rules.dockerfile["curl-pipe-shell"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_shells := {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "fish"}

_downloaders := {"curl", "wget"}

# curl ... | [sudo] sh
deny contains result.fail(cmd, sprintf("%s runs a script piped from %s without verifying it", [cmd.program, dl.program])) if {
	some prog in _shells
	some [run, cmd] in df.commands_of[prog]
	cmd.pipeline >= 0
	_reads_stdin(cmd)
	some dl in run.commands
	dl.pipeline == cmd.pipeline
	dl.pipe_position < cmd.pipe_position
	dl.program in _downloaders
}

# sh -c "$(curl ...)", bash <(curl ...)
deny contains result.fail(cmd, sprintf("%s runs a script downloaded by %s without verifying it", [cmd.program, dl])) if {
	some prog in _shells
	some [_, cmd] in df.commands_of[prog]
	some a in cmd.args
	m := regex.find_all_string_submatch_n("^(?:[$][(]|<[(]|`)\\s*(curl|wget)\\s", a, 1)
	dl := m[0][1]
}

# _reads_stdin is true when the shell has no -c script and no script file: it runs what
# arrives on its standard input (sh, sh -s, bash -s -- args, bash -).
_reads_stdin(cmd) if {
	not _has_script(cmd)
}

_has_script(cmd) if {
	some a in _options(cmd)
	regex.match(`^-[A-Za-z]*c[A-Za-z]*$`, a)
}

_has_script(cmd) if {
	ops := pkg.operands(cmd.args, {"-o", "+o", "-O", "+O", "--rcfile", "--init-file"})
	count(ops) > 0
	not _stdin_flag(cmd)
	ops[0] != "-"
}

_stdin_flag(cmd) if {
	some a in _options(cmd)
	regex.match(`^-[A-Za-z]*s[A-Za-z]*$`, a)
}

# _options are the words before the first operand or --.
_options(cmd) := [a |
	some i, a in cmd.args
	startswith(a, "-")
	a != "--"
	not _operand_before(cmd.args, i)
]

_operand_before(args, i) if {
	some j, _ in args
	j < i
	_ends_options(args, j)
}

_ends_options(args, j) if args[j] == "--"

_ends_options(args, j) if {
	not startswith(args[j], "-")
	not startswith(args[j], "+")
	not _option_value(args, j)
}

_option_value(args, j) if {
	j > 0
	args[j - 1] in {"-o", "+o", "-O", "+O", "--rcfile", "--init-file"}
}
