# METADATA
# title: Do not run interactive or system commands in RUN
# description: |
#   A `RUN` runs a command that has no use while building an image: an interactive
#   editor (`vim`, `vi`, `nano`, `emacs`), a process or system monitor (`top`, `htop`,
#   `ps`, `free`, `ifconfig`), a power command (`shutdown`, `reboot`, `halt`,
#   `poweroff`), `mount`, or `ssh`.
#
#   A build has no terminal and no running system: an editor waits for input until
#   the build times out, a monitor prints a snapshot of the build container, `mount`
#   and the power commands fail without privileges, and an `ssh` session depends on
#   keys and hosts the build should not reach. Remove the command, use `RUN --mount`
#   for mounts, `sed` or a `COPY` for edits, and `RUN --mount=type=ssh` with `git` for
#   private repositories. Scripted editor runs (`vim -es`, `vim -c ...`), version
#   queries and commands used as a condition are not reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://docs.docker.com/reference/dockerfile/#run---mount
#     description: Dockerfile reference, RUN --mount
# custom:
#   severity: info
#   category: maintainability
#   aliases: [DL3001]
package infralint.rules.dockerfile["run-pointless-command"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_editors := {"vim", "vi", "nano", "emacs", "nvim", "pico"}

_pointless := {"top", "htop", "ps", "free", "ifconfig", "shutdown", "reboot", "halt", "poweroff", "mount", "ssh"}

deny contains result.fail(cmd, sprintf("%s has no use in a build: remove it", [prog])) if {
	some prog in _pointless | _editors
	some [_, cmd] in df.commands_of[prog]
	not cmd.condition
	not _informational(prog, cmd)
	not _scripted(prog, cmd)
	not _bind_mount_remount(prog, cmd)
}

_informational(_, cmd) if {
	some a in cmd.args
	a in {"--version", "--help"}
}

_informational(prog, cmd) if {
	prog in {"ssh", "ps", "free", "top", "htop"}
	"-V" in cmd.args
}

# vim -es, vim -c 'cmd', vim +cmd, ed-like batch edits
_scripted(prog, cmd) if {
	prog in _editors
	some a in cmd.args
	_script_flag(a)
}

_script_flag(a) if a in {"-e", "-es", "-E", "-Es", "-s", "-c", "--cmd", "--batch", "-batch", "--script", "-u", "--headless"}

_script_flag(a) if startswith(a, "+")

_script_flag(a) if startswith(a, "-c")

# `mount` with no arguments lists mounts; so do -l and --list.
_bind_mount_remount(prog, cmd) if {
	prog == "mount"
	count(cmd.args) == 0
}
