# METADATA
# title: Do not unset an ENV variable in RUN
# description: |
#   A `RUN` of the shipped image runs `unset NAME` for a variable that an `ENV` set
#   earlier (in the stage or a stage it is built `FROM`).
#
#   `unset` only affects the shell of that one `RUN`: the variable stays in the image
#   configuration, in every later `RUN`, and in every container started from the
#   image, which matters most when it holds a token or a build-only setting. If the
#   value is only needed while building, set it for the commands that need it
#   (`RUN NAME=value cmd`, or `export` inside the `RUN`), pass it as an `ARG`, or mount
#   it as a secret; to clear it for good, use `ENV NAME=`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#env
#     description: Docker build best practices, ENV
#   - ref: https://docs.docker.com/reference/dockerfile/#env
#     description: Dockerfile reference, ENV
# custom:
#   severity: warning
#   category: reliability
#   aliases: []
package infralint.rules.dockerfile["env-unset-in-run"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("unset %s only affects this RUN: the ENV stays in the image", [name])) if {
	some [run, cmd] in df.commands_of.unset
	pkg.in_image(run)
	some name in cmd.args
	not startswith(name, "-")
	_env_before(run, name)
}

_env_before(run, name) if {
	chain := df.chain_of(run)
	some e in input.stages[run.stage].env
	e.key == name
	_set_before(run, name, chain)
}

_set_before(run, name, chain) if {
	some s in chain
	some j in input.stages[s].instructions
	j < run.index
	instr := input.instructions[j]
	instr.cmd == "env"
	some p in instr.pairs
	p.key == name
}
