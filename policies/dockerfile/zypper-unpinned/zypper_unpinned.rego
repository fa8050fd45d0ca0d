# METADATA
# title: Pin versions in zypper install
# description: |
#   `zypper install` names a package without a version (`curl` rather than
#   `curl=8.6.0` or `'curl>=8.6'`).
#
#   Without a version, every build installs whatever the repositories serve that day,
#   so two builds of the same commit can differ. Pin with `name=version` (quote
#   ranges such as `'name>=1.2'`), and list packages that must always float in the
#   `exempt` option. Patterns, paths and `.rpm` files are not checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://en.opensuse.org/SDB:Zypper_manual
#     description: zypper manual, install
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3037]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin, such as ca-certificates.
package infralint.rules.dockerfile["zypper-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is not pinned to a version", [p])) if {
	some [_, cmd] in df.commands_of["zypper"]
	not pkg.zypper_non_packages(cmd)
	some k in pkg.zypper_package_indexes(cmd)
	p := cmd.args[k]
	pkg.rpm_judgeable(p)
	not pkg.rpm_pinned(p)
	not _exempt(p)
}

_exempt(p) if {
	some name in options.exempt
	lower(name) == lower(regex.replace(p, `[=<>].*$`, ""))
}
