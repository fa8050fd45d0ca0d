# METADATA
# title: Set the labels your team requires
# description: |
#   The shipped image lacks a label that the `required` option lists, such as
#   `org.opencontainers.image.source`.
#
#   Teams rely on labels to find the source, owner or license of an image running in
#   production; an image without them cannot be traced. Add the labels with `LABEL`
#   in the final stage (or a stage it is built `FROM`). The rule is on by default but
#   says nothing until `required` lists labels.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#label
#     description: Dockerfile reference, LABEL
#   - ref: https://github.com/opencontainers/image-spec/blob/main/annotations.md
#     description: OCI image spec, pre-defined annotation keys
# custom:
#   severity: info
#   category: maintainability
#   aliases: [DL3049]
#   options:
#     required:
#       type: array
#       default: []
#       description: Label keys every shipped image must set. Empty, the rule is silent.
package infralint.rules.dockerfile["label-missing"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(df.final_stage, sprintf("the image has no label %s", [key])) if {
	some key in options.required
	not key in _labels
}

_labels contains p.unquoted_key if {
	some i in df.top_level_of.label
	i.stage in df.final_chain
	some p in i.pairs
}
