# METADATA
# title: Pin versions in go install
# description: |
#   `go install` or `go get` fetches a remote module at a floating version: no `@version`
#   on `go get`, or `@latest`, `@master`, `@main` or `@HEAD`.
#
#   Each build then compiles whatever the module's default branch or newest tag holds
#   that day, so two builds of the same commit can ship different tools. Name a
#   release or a commit: `go install golang.org/x/tools/gopls@v0.16.1`. A plain
#   `go install example.com/tool` (no `@`) is not reported: inside a module it uses the
#   version the `go.mod` requires, and outside one Go 1.16 and later refuse it. Local
#   packages (`./cmd/app`) and the packages in the `exempt` option are not checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://go.dev/ref/mod#go-install
#     description: Go modules reference, go install
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3062]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package paths (a trailing /... matches everything below) that may float.
package infralint.rules.dockerfile["go-install-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_valued := {"-o", "-p", "-C", "-tags", "-ldflags", "-gcflags", "-asmflags", "-mod", "-modfile", "-pkgdir", "-toolexec", "-overlay", "-pgo", "-buildmode", "-compiler", "-installsuffix", "-exec"}

deny contains result.at(pkg.arg_ptr(cmd, k), msg) if {
	some [_, cmd] in df.commands_of["go"]
	idx := pkg.operand_indexes(cmd.args, _valued)
	sub := cmd.args[idx[0]]
	sub in {"install", "get"}
	some k in array.slice(idx, 1, count(idx))
	spec := cmd.args[k]
	path := split(spec, "@")[0]
	_remote(path)
	not _exempt(path)
	msg := _floating(sub, spec)
}

_floating(sub, spec) := sprintf("go %s %s fetches a floating version: name a release, such as @v1.2.3", [sub, spec]) if {
	parts := split(spec, "@")
	count(parts) == 2
	lower(parts[1]) in {"latest", "master", "main", "head", "upgrade", "patch", "trunk", "develop"}
}

_floating(sub, spec) := sprintf("go get %s fetches the newest version: add @<version>", [spec]) if {
	sub == "get"
	not contains(spec, "@")
}

# A module path starts with a domain (github.com/x/y, golang.org/x/tools/...).
_remote(path) if {
	not pkg.dynamic(path)
	first := split(path, "/")[0]
	contains(first, ".")
	not startswith(path, ".")
	count(split(path, "/")) > 1
}

_exempt(path) if {
	some e in options.exempt
	path == e
}

_exempt(path) if {
	some e in options.exempt
	endswith(e, "/...")
	startswith(path, trim_suffix(e, "..."))
}
