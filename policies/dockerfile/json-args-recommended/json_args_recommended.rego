# METADATA
# title: Write CMD and ENTRYPOINT in JSON form
# description: |
#   `CMD` or `ENTRYPOINT` is written in shell form, so the container's main process is
#   `/bin/sh -c` and the program runs as its child.
#
#   The shell does not forward signals: `docker stop` sends SIGTERM to the shell, the
#   program never sees it, and the container is killed after the timeout instead of
#   shutting down cleanly. A shell-form `ENTRYPOINT` also ignores `CMD` and the arguments
#   of `docker run`. Write the JSON (exec) form, `CMD ["node", "server.js"]`; if you need
#   the shell, start the command with `exec` (`CMD exec node server.js`), which is not
#   reported. Stages that set `SHELL` (themselves or through the stage they are built
#   `FROM`) are not reported either: the shell form is then a deliberate choice.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/json-args-recommended/
#     description: BuildKit build checks, JSONArgsRecommended
#   - ref: https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
#     description: Dockerfile reference, shell and exec form
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3025, JSONArgsRecommended]
package infralint.rules.dockerfile["json-args-recommended"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, msg) if {
	some c in {"cmd", "entrypoint"}
	some i in df.top_level_of[c]
	not i.json_form
	body := trim_space(concat(" ", i.args))
	body != ""
	not _execs(body)
	not _shell_set(i)
	msg := sprintf("shell-form %s %q runs under /bin/sh -c and will not receive stop signals", [upper(i.cmd), body])
}

# `exec prog` replaces the shell with the program, which then receives signals.
_execs(body) if regex.match(`^exec\s`, body)

# _shell_set is true when a SHELL before the instruction applies to its stage: in the
# stage itself or in a stage it is built FROM.
_shell_set(i) if {
	chain := df.chain_of(i)
	some s in df.top_level_of.shell
	s.index < i.index
	s.stage in chain
}
