# METADATA
# title: Do not use a system directory as WORKDIR
# description: |
#   The shipped image sets `WORKDIR` to a directory of the operating system, such as
#   `/usr`, `/etc`, `/bin` or `/var`.
#
#   Everything a later `COPY . .` brings, and everything the application writes to its
#   current directory, then lands among the system's own files, where it can overwrite
#   them and is hard to tell apart from them. Give the application a directory of its
#   own: `WORKDIR /app` (or `/srv/<name>`, `/opt/<name>`). Subdirectories such as
#   `/usr/src/app` or `/var/www` are fine, and `/` is not reported. Only the final stage
#   and the stages it is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#workdir
#     description: Docker build best practices, WORKDIR
#   - ref: https://refspecs.linuxfoundation.org/FHS_3.0/fhs/index.html
#     description: Filesystem Hierarchy Standard
# custom:
#   severity: info
#   category: reliability
#   aliases: [DS-0030, DS030]
package infralint.rules.dockerfile["workdir-system-dir"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

_system := {
	"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc",
	"/run", "/sbin", "/sys", "/usr", "/usr/bin", "/usr/lib", "/usr/lib64", "/usr/sbin",
	"/usr/local", "/usr/local/bin", "/usr/local/lib", "/usr/share", "/var", "/var/lib",
	"/var/log", "/var/run",
}

deny contains result.fail(i, sprintf("WORKDIR %s is a system directory: give the application its own, such as /app", [path])) if {
	some i in df.instructions_of.workdir
	df.image_stage(i)
	path := trim_right(df.words(i)[0], "/")
	path in _system
}
