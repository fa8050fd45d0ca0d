# METADATA
# title: Pin versions in apt-get install
# description: |
#   `apt-get install` names a package without a version (`curl` rather than
#   `curl=7.88.1-10+deb12u5`).
#
#   Without a pin, every build installs whatever the mirror serves that day, so two
#   builds of the same commit can differ, and a cached `apt-get update` layer can even
#   make the install fail. Pin with `name=version` (a trailing `*` such as `curl=7.88.*`
#   follows patch releases), and list packages that must always float in the `exempt`
#   option. Keeping pins current takes work; teams that rebuild often from a pinned,
#   digest-locked base image may prefer to turn this rule off with
#   `--disable apt-get-unpinned` (or the same in the configuration file).
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get (version pinning)
#   - ref: https://manpages.debian.org/stable/apt/apt-get.8.en.html
#     description: apt-get(8), install pkg=version
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3008]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin, such as ca-certificates.
package infralint.rules.dockerfile["apt-get-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is not pinned to a version", [p])) if {
	some [_, cmd] in df.commands_of["apt-get"]
	pkg.apt_subcommand(cmd) == "install"
	some k in pkg.apt_package_indexes(cmd)
	p := cmd.args[k]
	pkg.apt_judgeable(p)
	not pkg.apt_pinned(p)
	not _exempt(p)
}

_exempt(p) if {
	some name in options.exempt
	lower(name) == pkg.apt_package_name(p)
}
