# METADATA
# title: Start description comments with the name they describe
# description: |
#   The comment line directly above a `FROM ... AS <name>` or an `ARG` does not start
#   with the stage's or the argument's name.
#
#   BuildKit (and tools built on it, such as `docker buildx build --call=outline`) reads
#   the comment directly above a named stage or an `ARG` as its description, but only
#   when it starts with the name: `# build compiles the server` above
#   `FROM golang:1.22 AS build`. Start the comment with the name, or separate an
#   unrelated comment from the instruction with an empty line. The rule follows
#   BuildKit's experimental check and is off by default; tool directives such as
#   `# hadolint ignore=...`, `# infralint ignore=...` and `# check=...` are not taken for
#   descriptions.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/invalid-definition-description/
#     description: BuildKit build checks, InvalidDefinitionDescription
#   - ref: https://docs.docker.com/build/checks/#experimental-checks
#     description: Docker build checks, experimental checks
# custom:
#   severity: info
#   category: style
#   enabled: false
#   aliases: [InvalidDefinitionDescription]
package infralint.rules.dockerfile["invalid-definition-description"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("the comment above %s should start with %q to describe it", [upper(i.cmd), example])) if {
	some c in {"arg", "from"}
	some i in df.top_level_of[c]
	count(i.comments) > 0
	keys := _keys(i)
	count(keys) > 0
	last := i.comments[count(i.comments) - 1]
	not _directive(last)
	not split(last, " ")[0] in keys
	example := _example(keys)
}

_keys(i) := [lower(i.args[2])] if {
	i.cmd == "from"
	count(i.args) >= 3
	lower(i.args[1]) == "as"
}

_keys(i) := [p.key | some p in i.pairs] if i.cmd == "arg"

_example(keys) := keys[0] if count(keys) == 1

_example(keys) := "<arg_key>" if count(keys) > 1

_directive(c) if regex.match(`^(hadolint|infralint|check|syntax|escape|trivy|kics|checkov|nosec|noqa)\b`, lower(c))
