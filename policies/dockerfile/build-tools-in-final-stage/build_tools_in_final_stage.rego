# METADATA
# title: Keep build tools out of the final stage
# description: |
#   The final stage of a multi-stage build installs build tools with the package
#   manager: compilers and build systems (`gcc`, `g++`, `clang`, `make`, `cmake`,
#   `build-essential`, `build-base`, ...) or development headers (`*-dev`, `*-devel`
#   packages), and does not remove them again in the same `RUN`.
#
#   The point of a multi-stage build is to compile in a builder stage and copy only
#   the result into the final one. Build tools left in the shipped image make it
#   larger, add packages to patch, and give an attacker a compiler. Install them in the
#   builder stage and `COPY --from` what they produce. Packages removed later in the
#   same `RUN` (`apk add --virtual .build-deps ... && apk del .build-deps`,
#   `apt-get purge --auto-remove`) are not reported, nor are Dockerfiles without a
#   builder stage (a stage the final image is not built `FROM`) and images that run no
#   program of their own (no `CMD` or `ENTRYPOINT` but a shell: toolchain and base
#   images, where the tools are the point); the `allowed` option
#   lists packages the image really needs at run time. The final stage and the stages
#   it is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/multi-stage/
#     description: Multi-stage builds
#   - ref: https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds
#     description: Docker build best practices, use multi-stage builds
# custom:
#   severity: warning
#   category: efficiency
#   aliases: []
#   options:
#     allowed:
#       type: array
#       default: []
#       description: Package names the final image needs even though they are build tools.
package infralint.rules.dockerfile["build-tools-in-final-stage"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_tools := {
	"gcc", "g++", "cc", "c++", "clang", "llvm", "make", "cmake", "automake", "autoconf",
	"libtool", "build-essential", "build-base", "gcc-c++", "ninja-build", "meson",
	"gfortran", "golang", "go", "rustc", "cargo", "maven", "gradle", "nodejs-dev",
	"linux-headers", "musl-dev", "libc6-dev", "libc-dev", "glibc-devel", "kernel-devel",
	"pkg-config", "pkgconf", "bison", "flex",
}

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("build tool %q is installed in the final stage: build in an earlier stage and COPY --from the result", [name])) if {
	_has_builder
	_runs_application
	some prog in pkg.package_managers
	some [run, _] in df.commands_of[prog]
	input.stages[run.stage].in_image
	some cmd in run.commands
	some [k, name] in pkg.installed(cmd)
	_build_tool(name)
	not name in options.allowed
	not _removed_after(run, cmd, name)
}

# A stage outside the final image's chain, where the tools could move.
_has_builder if {
	some s in input.stages
	not s.in_image
}

# The final image starts a program of its own (a CMD or ENTRYPOINT that is not just a
# shell): an image without one, or that opens a shell, is a toolchain or base image for
# others, where the tools are the point.
_runs_application if {
	some c in {"cmd", "entrypoint"}
	some i in df.top_level_of[c]
	i.stage in df.final_chain
	count(i.commands) > 0
	not i.commands[0].program in {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "fish", "pwsh", "powershell", "cmd", "cmd.exe"}
}

_build_tool(name) if name in _tools

_build_tool(name) if regex.match(`^[a-z0-9][a-z0-9.+_-]*-(dev|devel)$`, name)

# The packages are removed again later in the same RUN.
_removed_after(run, cmd, name) if {
	some c in run.commands
	c.index > cmd.index
	_removes(c, cmd, name)
}

# apk del <name> or the --virtual group the install used.
_removes(c, cmd, name) if {
	c.program == "apk"
	ops := pkg.apk_operands(c)
	ops[0] == "del"
	some target in array.slice(ops, 1, count(ops))
	target in {name, _virtual(cmd)}
}

# apt-get purge/remove of the package, or purge --auto-remove after apt-mark auto.
_removes(c, _, name) if {
	c.program in {"apt-get", "apt"}
	pkg.apt_subcommand(c) in {"purge", "remove", "autoremove"}
	some p in pkg.apt_packages(c)
	pkg.apt_package_name(p) == name
}

_removes(c, _, _) if {
	c.program in {"apt-get", "apt"}
	pkg.apt_subcommand(c) in {"purge", "remove", "autoremove"}
	"--auto-remove" in c.args
}

_removes(c, _, name) if {
	c.program in pkg.rpm_programs | {"zypper"}
	some a in c.args
	a in {"remove", "erase", "rm", "autoremove", "history"}
	name in c.args
}

_virtual(cmd) := cmd.args[i + 1] if {
	cmd.program == "apk"
	some i, a in cmd.args
	a in {"--virtual", "-t"}
}
