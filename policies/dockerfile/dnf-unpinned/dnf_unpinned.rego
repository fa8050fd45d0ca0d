# METADATA
# title: Pin versions in dnf install
# description: |
#   `dnf install` (also `dnf5`, `tdnf`, `microdnf`) names a package without a
#   version (`httpd` rather than `httpd-2.4.57`).
#
#   Without a version, every build installs whatever the repositories serve that day,
#   so two builds of the same commit can differ. Pin with `name-version` (or
#   `name-version-release`), and list packages that must always float in the
#   `exempt` option. Groups (`@name`), paths, capabilities and `.rpm` files are
#   not checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label
#     description: DNF command reference, specifying packages
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3041]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin, such as ca-certificates.
package infralint.rules.dockerfile["dnf-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is not pinned to a version", [p])) if {
	some prog in pkg.dnf_programs | pkg.microdnf_programs
	some [_, cmd] in df.commands_of[prog]
	not pkg.rpm_groups(cmd)
	some k in pkg.rpm_package_indexes(cmd)
	p := cmd.args[k]
	pkg.rpm_judgeable(p)
	not pkg.rpm_pinned(p)
	not _exempt(p)
}

_exempt(p) if {
	some name in options.exempt
	lower(name) == lower(regex.replace(p, `[=<>].*$`, ""))
}
