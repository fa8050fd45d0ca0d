# METADATA
# title: Do not use sudo in RUN
# description: |
#   A `RUN` command uses `sudo`.
#
#   Build steps already run as the user the last `USER` instruction chose, so `sudo`
#   only adds a setuid binary to the image, depends on a sudoers setup, and behaves
#   unpredictably without a terminal. Switch users with `USER root` before the commands
#   that need it and back with `USER <name>` after them; to drop privileges at run time,
#   use a tool such as `gosu` or `su-exec`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
#   - ref: https://docs.docker.com/reference/dockerfile/#user
#     description: Dockerfile reference, USER
# custom:
#   severity: error
#   category: security
#   aliases: [DL3004, DS-0010, DS010, CKV2_DOCKER_1]
package infralint.rules.dockerfile["sudo-usage"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("sudo runs %q: switch with USER instead", [inner.name])) if {
	some [run, cmd] in df.commands_of["sudo"]
	inner := _wrapped(run, cmd)
}

deny contains result.fail(cmd, "sudo used in RUN: switch with USER instead") if {
	some [run, cmd] in df.commands_of["sudo"]
	not _wrapped(run, cmd)
}

# _wrapped is the command sudo runs, which the parser lists right after it.
_wrapped(run, cmd) := inner if {
	inner := run.commands[cmd.index + 1]
	startswith(inner.via, "sudo")
}
