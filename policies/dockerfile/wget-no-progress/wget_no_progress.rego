# METADATA
# title: Quiet wget's progress output
# description: |
#   `wget` runs without `--progress`, `-q` (`--quiet`) or `-nv` (`--no-verbose`), so it
#   prints its progress bar into the build log.
#
#   Without a terminal, wget falls back to printing a line of dots for every few
#   kilobytes, which fills CI logs with thousands of lines for a single download and
#   hides the output that matters. Pass `--progress=dot:giga`, `-nv` or `-q`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#run
#     description: Docker build best practices, RUN
#   - ref: https://www.gnu.org/software/wget/manual/wget.html#Download-Options
#     description: GNU Wget manual, --progress
# custom:
#   severity: info
#   category: maintainability
#   aliases: [DL3047]
package infralint.rules.dockerfile["wget-no-progress"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, "wget without --progress, -q or -nv fills the build log with its progress output") if {
	some [_, cmd] in df.commands_of["wget"]
	not _quiet(cmd)
}

# -q, also in a group of short options: -qO-, -nvq.
_quiet(cmd) if {
	some a in cmd.args
	regex.match(`^-[A-Za-z]*q`, a)
	not startswith(a, "--")
}

_quiet(cmd) if {
	some a in cmd.args
	_quiet_flag(a)
}

_quiet_flag(a) if a in {"--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output", "--version", "--help", "-V"}

_quiet_flag(a) if startswith(a, "--progress")

_quiet_flag(a) if startswith(a, "--output-file=")

_quiet_flag(a) if startswith(a, "--append-output=")

# -o LOGFILE written as one word.
_quiet_flag(a) if regex.match(`^-o.+`, a)
