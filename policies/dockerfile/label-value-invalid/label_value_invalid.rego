# METADATA
# title: Give labels values of the right format
# description: |
#   A `LABEL` of the shipped image has a value that does not fit its key's format in
#   the `schema` option: an empty value, or one that is not a URL, an RFC 3339 time, an
#   SPDX license expression, a Git commit hash, a semantic version or an e-mail address
#   as the schema says.
#
#   Registries, scanners and `docker inspect` users read these labels; a creation time
#   that does not parse or a license that is not an SPDX identifier is ignored or
#   misread. By default the schema covers the OCI keys with a defined format
#   (`org.opencontainers.image.created`, `.url`, `.source`, `.documentation`,
#   `.licenses`); set the `schema` option to map your own keys to `text` (any
#   non-empty value), `url`, `rfc3339`, `spdx`, `hash`, `semver` or `email`. Values with
#   variables are filled in at build time and are not checked. Only the final stage and
#   the stages it is built `FROM` are checked.
# related_resources:
#   - ref: https://github.com/opencontainers/image-spec/blob/main/annotations.md
#     description: OCI image spec, pre-defined annotation keys
#   - ref: https://docs.docker.com/reference/dockerfile/#label
#     description: Dockerfile reference, LABEL
# custom:
#   severity: info
#   category: maintainability
#   aliases: [DL3051, DL3052, DL3053, DL3054, DL3055, DL3056, DL3058]
#   options:
#     schema:
#       type: object
#       default:
#         org.opencontainers.image.created: rfc3339
#         org.opencontainers.image.url: url
#         org.opencontainers.image.source: url
#         org.opencontainers.image.documentation: url
#         org.opencontainers.image.licenses: spdx
#       description: >-
#         Label keys and the format of their values: text, url, rfc3339, spdx, hash,
#         semver or email.
package infralint.rules.dockerfile["label-value-invalid"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, msg) if {
	some i in df.instructions_of.label
	df.image_stage(i)
	some p in i.pairs
	format := options.schema[p.unquoted_key]
	v := p.unquoted_value
	not contains(v, "$")
	not _valid(format, v)
	msg := _message(p.unquoted_key, format, v)
}

_message(key, _, "") := sprintf("label %s is empty", [key])

_message(key, format, v) := sprintf("label %s=%q is not %s", [key, v, _names[format]]) if v != ""

_names := {
	"text": "a text", "url": "a URL", "rfc3339": "an RFC 3339 date and time",
	"spdx": "an SPDX license expression", "hash": "a Git commit hash",
	"semver": "a semantic version", "email": "an e-mail address",
}

_valid("text", v) if trim_space(v) != ""

_valid("url", v) if regex.match(`^[A-Za-z][A-Za-z0-9+.-]*://[^\s/]+\S*$`, v)

_valid("rfc3339", v) if time.parse_rfc3339_ns(v)

_valid("hash", v) if regex.match(`^([0-9a-f]{7,40}|[0-9a-f]{64})$`, v)

_valid("semver", v) if regex.match(`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`, v)

_valid("email", v) if regex.match(`^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$`, v)

_valid("email", v) if regex.match(`^[^<>]*<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>$`, v)

# An SPDX expression: identifiers (MIT, Apache-2.0, LicenseRef-x) joined by AND, OR
# and WITH, with parentheses.
_valid("spdx", v) if {
	tokens := [t | some t in split(regex.replace(v, `[()]`, " "), " "); t != ""]
	count(tokens) > 0
	every k, t in tokens {
		_spdx_token(k, t, tokens)
	}
}

_spdx_token(k, t, _) if {
	k % 2 == 0
	regex.match(`^[A-Za-z0-9][A-Za-z0-9.+-]*$`, t)
	not upper(t) in {"AND", "OR", "WITH"}
}

_spdx_token(k, t, tokens) if {
	k % 2 == 1
	t in {"AND", "OR", "WITH"}
	k < count(tokens) - 1
}
