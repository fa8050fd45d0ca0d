# METADATA
# title: Match the casing of AS to FROM
# description: |
#   The `AS` keyword of a `FROM ... AS <name>` is not written in the same case as `FROM`,
#   as in `FROM image as build` or `from image AS build`.
#
#   Keywords in one case read as keywords; mixing the cases makes `as` look like part of
#   the image reference or of the stage name. Write `FROM ... AS ...` or
#   `from ... as ...`. A `FROM` keyword in mixed case (`From`) is not checked.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/from-as-casing/
#     description: BuildKit build checks, FromAsCasing
# custom:
#   severity: info
#   category: style
#   aliases: [FromAsCasing]
package infralint.rules.dockerfile["from-as-casing"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("keyword %q does not match the casing of %q: write %q", [i.args[1], i.keyword, want])) if {
	some i in df.top_level_of.from
	count(i.args) >= 3
	lower(i.args[1]) == "as"
	want := _as_for(i.keyword)
	i.args[1] != want
}

_as_for(kw) := "AS" if kw == upper(kw)

_as_for(kw) := "as" if kw == lower(kw)
