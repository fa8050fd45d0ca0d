# METADATA
# title: Use an absolute path in WORKDIR
# description: |
#   `WORKDIR` is given a relative path, which is resolved against whatever the working
#   directory was before it.
#
#   That is often the base image's own `WORKDIR`, which can change when the base image is
#   updated, and the result is hard to see when reading the Dockerfile. Give `WORKDIR` an
#   absolute path (`/app`, `C:\app` on Windows). Every relative `WORKDIR` is reported, even
#   after an absolute one in the same stage (BuildKit's own check reports only the first
#   relative one before any absolute `WORKDIR`). A path that starts with a variable
#   (`$HOME/app`) is assumed to be absolute.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#workdir
#     description: Docker build best practices, WORKDIR
#   - ref: https://docs.docker.com/reference/build-checks/workdir-relative-path/
#     description: BuildKit build checks, WorkdirRelativePath
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3000, DS-0009, DS009, CKV_DOCKER_10, WorkdirRelativePath]
package infralint.rules.dockerfile["workdir-relative"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("relative WORKDIR %q depends on the directory set before it", [path])) if {
	some i in df.instructions_of.workdir
	count(i.args) > 0
	path := _unquote(i.args[0])
	path != ""
	not _absolute(path)
}

_absolute(p) if startswith(p, "/")

# A variable, such as $HOME, is assumed to hold an absolute path.
_absolute(p) if startswith(p, "$")

# Windows: C:\app, C:/app, and \app (the root of the current drive).
_absolute(p) if regex.match(`^[A-Za-z]:`, p)

_absolute(p) if startswith(p, `\`)

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
