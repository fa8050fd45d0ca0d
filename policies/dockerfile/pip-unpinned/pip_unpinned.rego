# METADATA
# title: Pin versions in pip install
# description: |
#   `pip install` names a package without an exact version (`flask` or `flask>=3`
#   rather than `flask==3.0.3`).
#
#   Without a pin, each build resolves to whatever the index serves that day, so two
#   builds of the same commit can ship different code, and a new release can break the
#   image without any change of yours. Pin with `==` (or `~=` for compatible releases),
#   or better, install from a requirements or constraints file (`-r`, `-c`) that a tool
#   such as pip-tools or uv generates with exact versions and hashes. Local paths,
#   archives, URLs and installs limited to a local wheel directory (`--no-index`) are
#   not checked. Packages that must always float can be listed in the `exempt` option.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, version pinning
#   - ref: https://pip.pypa.io/en/stable/topics/repeatable-installs/
#     description: pip documentation, repeatable installs
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3013]
#   options:
#     exempt:
#       type: array
#       default: []
#       description: Package names that never need a version pin.
package infralint.rules.dockerfile["pip-unpinned"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is not pinned to a version", [p])) if {
	some [_, cmd] in pkg.pip_commands
	args := pkg.pip_install_args(cmd)
	not _constrained(args)
	some k in pkg.pip_package_indexes(cmd)
	p := cmd.args[k]
	pkg.pip_judgeable(p)
	not _exempt(p)
	not pkg.pip_pinned(p)
}

# A constraints file pins what it lists; --no-index installs only from local archives.
_constrained(args) if {
	some a in args
	a in {"-c", "--constraint", "--no-index"}
}

_constrained(args) if pkg.long_flag(args, "--constraint")

_constrained(args) if {
	some a in args
	regex.match(`^-c.+`, a)
}

_exempt(p) if {
	some name in options.exempt
	_norm(name) == _norm(regex.replace(p, `[\[<>=!~;].*$`, ""))
}

# Package names compare case-insensitively, with -, _ and . the same (PEP 503).
_norm(n) := regex.replace(lower(n), `[-_.]+`, "-")
