# METADATA
# title: Pin versions in npm install
# description: |
#   `npm install` (or `yarn add`, `pnpm add`) names a package without a version
#   (`typescript` or `@angular/cli` rather than `typescript@5.4.5` or
#   `@angular/cli@18.0.1`).
#
#   Without a version, each build installs the newest release of that day, so two builds
#   of the same commit can ship different code, and a new major release can break the
#   image without any change of yours. Add `@<version>` after the package name (for
#   scoped packages, after `@scope/name`), or install the project's dependencies from
#   its lockfile with `npm ci`. Floating tags such as `@latest` count as unpinned.
#   Paths, tarballs, git and URL specs are not checked.
#   Packages that must always float can be listed in the `exempt` option.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://docs.npmjs.com/cli/commands/npm-install
#     description: npm documentation, npm install <name>@<version>
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3016]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin.
package infralint.rules.dockerfile["npm-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is not pinned to a version", [p])) if {
	some [_, cmd] in pkg.node_commands
	some k in pkg.node_package_indexes(cmd)
	p := cmd.args[k]
	pkg.node_judgeable(p)
	not _exempt(p)
	not pkg.node_pinned(p)
}

_exempt(p) if {
	some name in options.exempt
	lower(name) == lower(_name(p))
}

# _name is the package name of a spec: @scope/name for @scope/name@1.2.
_name(p) := concat("@", ["", split(trim_prefix(p, "@"), "@")[0]]) if startswith(p, "@")

_name(p) := split(p, "@")[0] if not startswith(p, "@")
