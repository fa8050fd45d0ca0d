# METADATA
# title: Set only the labels your team allows
# description: |
#   A `LABEL` of the shipped image sets a key that the `allowed` option does not list.
#
#   Teams that keep a label schema want every image to use the same keys, so that
#   queries and dashboards find them; a key outside the schema is usually a typo
#   (`org.opencontainers.image.sources`) or a convention that was abandoned. Use a key
#   from the schema, or add the new key to it. A pattern in `allowed` may end with `*`
#   (`com.example.*`). The rule is on by default but says nothing until `allowed` lists
#   labels.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#label
#     description: Dockerfile reference, LABEL
#   - ref: https://github.com/opencontainers/image-spec/blob/main/annotations.md
#     description: OCI image spec, pre-defined annotation keys
# custom:
#   severity: info
#   category: maintainability
#   aliases: [DL3050]
#   options:
#     allowed:
#       type: array
#       default: []
#       description: Label keys (or key prefixes ending in *) images may set. Empty, the rule is silent.
package infralint.rules.dockerfile["label-unexpected"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("label %s is not in the allowed labels", [key])) if {
	count(options.allowed) > 0
	some i in df.instructions_of.label
	df.image_stage(i)
	some p in i.pairs
	key := p.unquoted_key
	not contains(key, "$")
	not _allowed(key)
}

_allowed(key) if key in options.allowed

_allowed(key) if {
	some a in options.allowed
	endswith(a, "*")
	startswith(key, trim_suffix(a, "*"))
}
