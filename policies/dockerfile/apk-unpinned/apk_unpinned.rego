# METADATA
# title: Pin versions in apk add
# description: |
#   `apk add` names a package without a version (`curl` rather than
#   `curl=8.9.1-r0` or `curl~8.9`).
#
#   Without a version, every build installs whatever the Alpine mirror serves that day,
#   so two builds of the same commit can differ. Pin with `name=version`, or with
#   `name~version` to follow patch releases, and list packages that must always float
#   in the `exempt` option. Paths, `.apk` files and expansions are not checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage
#     description: Alpine Package Keeper, holding a specific package back
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3018]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin, such as ca-certificates.
package infralint.rules.dockerfile["apk-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is not pinned to a version", [p])) if {
	some [_, cmd] in df.commands_of["apk"]
	some k in pkg.apk_package_indexes(cmd)
	p := cmd.args[k]
	pkg.apk_judgeable(p)
	not pkg.apk_pinned(p)
	not _exempt(p)
}

_exempt(p) if {
	some name in options.exempt
	lower(name) == lower(regex.replace(p, `[=<>~].*$`, ""))
}
