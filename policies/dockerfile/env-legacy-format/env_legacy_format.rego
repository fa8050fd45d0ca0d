# METADATA
# title: Write ENV and LABEL as key=value
# description: |
#   An `ENV` or `LABEL` uses the legacy `key value` form, without an equals sign.
#
#   That form sets only one variable, takes the whole rest of the line as its value
#   (quotes and spaces included), and looks like `key=value` pairs while meaning
#   something else, which makes mistakes easy. Write `ENV key=value`, quoting values with
#   spaces (`ENV MSG="hello world"`); the form also sets several pairs at once.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/legacy-key-value-format/
#     description: BuildKit build checks, LegacyKeyValueFormat
#   - ref: https://docs.docker.com/reference/dockerfile/#env
#     description: Dockerfile reference, ENV
# custom:
#   severity: info
#   category: style
#   aliases: [LegacyKeyValueFormat]
package infralint.rules.dockerfile["env-legacy-format"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("legacy \"%s %s value\" form: write %s %s=<value>", [kw, key, kw, key])) if {
	some c in {"env", "label"}
	some i in df.instructions_of[c]
	i.legacy_form
	kw := upper(i.cmd)
	key := i.pairs[0].key
}
