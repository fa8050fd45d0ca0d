# METADATA
# title: Answer dnf prompts with -y
# description: |
#   A `dnf` command (also `dnf5` and `tdnf`) that asks for confirmation (`install`,
#   `upgrade`, `remove`, `module enable`, ...) runs without `-y`.
#
#   A build has no terminal to answer "Is this ok [y/N]": dnf reads end-of-file, takes
#   it as "no" and fails the step. Pass `-y` (`--assumeyes`) or
#   `--setopt=assumeyes=True`. `microdnf` never asks and is not checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://dnf.readthedocs.io/en/latest/command_ref.html#assumeyes-command-label
#     description: DNF command reference, -y / --assumeyes
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3038]
package infralint.rules.dockerfile["dnf-missing-yes"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s %s without -y", [cmd.program, concat(" ", _what(cmd))])) if {
	some prog in pkg.dnf_programs
	some [run, cmd] in df.commands_of[prog]
	pkg.rpm_prompts(cmd)
	not pkg.rpm_assumes_yes(cmd)
	not pkg.fed_by_yes(run, cmd)
}

_what(cmd) := array.slice(ops, 0, 2) if {
	ops := pkg.rpm_operands(cmd)
	ops[0] in {"group", "groups", "module"}
} else := [pkg.rpm_subcommand(cmd)]
