# METADATA
# title: Start the main process of an entrypoint script with exec
# description: |
#   The image's main process is a shell script that never hands over to the program it
#   starts: an `ENTRYPOINT` (or, without one, a `CMD`) of the form
#   `["sh", "-c", "setup && server"]` with more than one command, or an entrypoint script
#   written into the image with a `COPY` heredoc that has no top-level `exec`.
#
#   The shell then stays process 1 and runs the server as its child. `docker stop`
#   sends SIGTERM to the shell, which does not pass it on: the server never shuts down
#   cleanly and is killed after the timeout, and its exit code is lost. Start the last
#   command with `exec` (`setup && exec server`, `exec "$@"` at the end of the script),
#   so that the server replaces the shell. Only the final image's effective
#   `ENTRYPOINT` (or `CMD`) is checked; scripts that are not written in the Dockerfile
#   cannot be seen, and shell-form instructions are `json-args-recommended`'s concern.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#entrypoint
#     description: Docker build best practices, ENTRYPOINT
#   - ref: https://docs.docker.com/reference/dockerfile/#exec-form-entrypoint-example
#     description: Dockerfile reference, exec form ENTRYPOINT
# custom:
#   severity: warning
#   category: reliability
#   aliases: []
package infralint.rules.dockerfile["entrypoint-without-exec"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

# ["sh", "-c", "a && b"]: the script's commands carry via "sh -c".
deny contains result.fail(main, sprintf("%s runs %q as a child of the shell: start it with exec so that it receives stop signals", [upper(main.cmd), last.name])) if {
	main := _main
	main.json_form
	pkg.program({"name": main.args[0]}) in _shells
	script := [c | some c in main.commands; c.via == "sh -c"; not c.subshell; not c.condition]
	count(script) > 1
	not _execs(script)
	last := script[count(script) - 1]
}

# A script written by a COPY heredoc and run as the main process.
deny contains result.fail(last, sprintf("entrypoint script %s never uses exec: %q runs as a child of the shell and will not receive stop signals", [h.target, last.name])) if {
	main := _main
	target := _program(main)
	some c in {"copy", "add"}
	some i in df.instructions_of[c]
	df.image_stage(i)
	some h in i.heredocs
	_same_file(h.target, target)
	script := [c | some c in h.commands; not c.via; not c.subshell; not c.condition]
	count(script) > 0
	not _execs(script)
	last := script[count(script) - 1]
}

_shells := {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"}

_execs(script) if {
	some c in script
	c.program == "exec"
}

# _main is the instruction that starts the container's process: the last ENTRYPOINT of
# the final image, or its last CMD when it has no ENTRYPOINT.
_main := _last("entrypoint")

_main := _last("cmd") if not _last("entrypoint")

_last(cmd) := input.instructions[max(idx)] if {
	idx := {i.index | some i in df.top_level_of[cmd]; i.stage in df.final_chain}
	count(idx) > 0
}

# _program is the script an ENTRYPOINT runs: its first word, or the script operand of
# a shell (["sh", "/entrypoint.sh"]).
_program(main) := main.args[0] if {
	main.json_form
	not pkg.program({"name": main.args[0]}) in _shells
}

_program(main) := ops[0] if {
	main.json_form
	pkg.program({"name": main.args[0]}) in _shells
	ops := pkg.operands(array.slice(main.args, 1, count(main.args)), {"-o", "+o"})
	not "-c" in main.args
	count(ops) > 0
}

_program(main) := main.commands[0].name if not main.json_form

_same_file(a, b) if a == b

_same_file(a, b) if {
	not startswith(b, "/")
	_base(a) == _base(b)
}

_base(p) := parts[count(parts) - 1] if parts := split(p, "/")
