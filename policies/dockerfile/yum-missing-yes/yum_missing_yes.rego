# METADATA
# title: Answer yum prompts with -y
# description: |
#   A `yum` command that asks for confirmation (`install`, `update`, `remove`, ...) runs
#   without `-y`.
#
#   A build has no terminal to answer "Is this ok [y/N]": yum reads end-of-file, takes it
#   as "no" and exits with an error, so the step fails (or, behind `|| true`, installs
#   nothing). Pass `-y` (`--assumeyes`), or `--setopt=assumeyes=1`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://man7.org/linux/man-pages/man8/yum.8.html
#     description: yum(8), option -y
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3030]
package infralint.rules.dockerfile["yum-missing-yes"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("yum %s without -y", [pkg.rpm_subcommand(cmd)])) if {
	some prog in pkg.yum_programs
	some [run, cmd] in df.commands_of[prog]
	pkg.rpm_prompts(cmd)
	not pkg.rpm_assumes_yes(cmd)
	not pkg.fed_by_yes(run, cmd)
}
