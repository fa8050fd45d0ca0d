# METADATA
# title: Use SHELL to change the shell
# description: |
#   A `RUN` replaces `/bin/sh` with another shell by linking it (`ln -sf /bin/bash
#   /bin/sh`).
#
#   Every later `RUN` of the stage, and of every image built `FROM` it, then silently
#   runs under a different shell, and the system's own scripts that expect `/bin/sh` to
#   be a POSIX shell may break. Say which shell a `RUN` needs with the `SHELL`
#   instruction (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`) instead.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#shell
#     description: Dockerfile reference, SHELL
#   - ref: https://docs.docker.com/build/building/best-practices/#using-pipes
#     description: Docker build best practices, using pipes
# custom:
#   severity: warning
#   category: maintainability
#   aliases: [DL4005]
package infralint.rules.dockerfile["run-change-shell"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_shells := {"bash", "zsh", "ksh", "mksh", "dash", "ash", "fish", "busybox"}

deny contains result.fail(cmd, sprintf("ln makes /bin/sh %s: use the SHELL instruction", [target])) if {
	some [_, cmd] in df.commands_of["ln"]
	ops := pkg.operands(cmd.args, {"-t", "--target-directory", "-S", "--suffix"})
	count(ops) == 2
	ops[1] in {"/bin/sh", "/usr/bin/sh"}
	target := ops[0]
	pkg.program({"name": target}) in _shells
}
