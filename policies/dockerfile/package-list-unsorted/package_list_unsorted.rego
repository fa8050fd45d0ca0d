# METADATA
# title: Sort multi-line package lists
# description: |
#   A package install written over several lines (`apt-get install`, `apk add`,
#   `yum`/`dnf install`, `zypper install`) does not list its packages in alphabetical
#   order.
#
#   A sorted list shows at a glance whether a package is there, avoids duplicates, and
#   makes diffs and merge conflicts smaller. Sort the packages, one per line. Version
#   pins and architecture suffixes are ignored when comparing, and lists written on one
#   line or holding variables are not checked. A comment line or a line holding only a
#   backslash starts a new group, sorted on its own, so lists grouped by purpose are
#   fine. The first package that is out of order is reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#sort-multi-line-arguments
#     description: Docker build best practices, sort multi-line arguments
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
# custom:
#   severity: info
#   category: style
#   aliases: []
package infralint.rules.dockerfile["package-list-unsorted"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.at(pkg.arg_ptr(cmd, k), sprintf("package %q is out of order: sort the list (%q comes after %q)", [cmd.args[k], name, prev])) if {
	some cmd in _multiline
	list := [[k, n] |
		some [k, n] in pkg.installed(cmd)
		not pkg.dynamic(cmd.args[k])
	]
	count(list) > 1
	# most lists are sorted: one comparison with the sorted names before each pair is judged
	names := [p[1] | some p in list]
	names != sort(names)
	# the first package whose name sorts before the one written above it
	firsts := [j |
		some j in numbers.range(1, count(list) - 1)
		list[j][1] < list[j - 1][1]
		not _new_section(cmd, list[j - 1][0], list[j][0])
	]
	count(firsts) > 0
	j := firsts[0]
	[k, name] := list[j]
	prev := list[j - 1][1]
}

# A comment line or a lone backslash between two packages starts a new group, which is
# sorted on its own.
# The package manager commands written over several lines, found in a loop of their
# own: the long body of deny is then charged only for them.
_multiline := [cmd |
	some prog in pkg.package_managers
	some [_, cmd] in df.commands_of[prog]
	cmd.multiline
]

_new_section(cmd, prev, k) if {
	some b in cmd.sections
	b > prev
	b <= k
}
