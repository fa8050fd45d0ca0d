# METADATA
# title: Write label keys in the recommended format
# description: |
#   A `LABEL` key uses a namespace Docker reserves (`com.docker.*`, `io.docker.*`,
#   `org.dockerproject.*`), or is not written as Docker recommends: lower-case letters,
#   digits, dots and dashes, starting and ending with a letter or digit, without
#   repeated separators.
#
#   Reserved namespaces belong to Docker's own tools, and keys in other shapes are
#   easy to mistype and hard to query (`docker image ls --filter label=...`). Use
#   reverse-DNS keys of a domain you own (`com.example.team`) or the
#   `org.opencontainers.image.*` keys.
# related_resources:
#   - ref: https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations
#     description: Docker object labels, key format recommendations
#   - ref: https://github.com/opencontainers/image-spec/blob/main/annotations.md
#     description: OCI image spec, pre-defined annotation keys
# custom:
#   severity: info
#   category: style
#   aliases: [DL3048]
package infralint.rules.dockerfile["label-key-invalid"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("label key %q %s", [key, why])) if {
	some i in df.instructions_of.label
	some p in i.pairs
	key := p.unquoted_key
	not contains(key, "$")
	why := _problem(key)
}

_problem(key) := "uses a namespace reserved for Docker" if {
	some prefix in ["com.docker.", "io.docker.", "org.dockerproject."]
	startswith(lower(key), prefix)
}

_problem(key) := "should use only lower-case letters, digits, dots and dashes, and start and end with a letter or digit" if {
	not regex.match(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`, key)
}

_problem(key) := "repeats a separator" if {
	regex.match(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`, key)
	regex.match(`\.\.|--|\.-|-\.`, key)
}
