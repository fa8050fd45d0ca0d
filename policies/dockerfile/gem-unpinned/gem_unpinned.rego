# METADATA
# title: Pin versions in gem install
# description: |
#   `gem install` names a gem without a version (`bundler` rather than
#   `bundler:2.5.14` or `bundler -v 2.5.14`).
#
#   Without a version, each build installs the newest release of that day, so two builds
#   of the same commit can ship different code, and a new major release can break the
#   image without any change of yours. Add `:<version>` to the gem name or pass
#   `-v <version>`, or install the application's gems from its `Gemfile.lock` with
#   `bundle install`. Local `.gem` files and paths are not checked.
#   Gems that must always float can be listed in the `exempt` option.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://guides.rubygems.org/command-reference/#gem-install
#     description: RubyGems command reference, gem install
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3028]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin.
package infralint.rules.dockerfile["gem-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("gem %q is not pinned to a version", [p])) if {
	some [_, cmd] in df.commands_of.gem
	not pkg.gem_version_flag(cmd)
	some k in pkg.gem_package_indexes(cmd)
	p := cmd.args[k]
	pkg.gem_judgeable(p)
	not _exempt(p)
	not pkg.gem_pinned(p)
}

_exempt(p) if {
	some name in options.exempt
	lower(name) == lower(split(p, ":")[0])
}
