# METADATA
# title: Do not use a variable in the ENV that defines it
# description: |
#   An `ENV` with several pairs uses, in a later pair, a variable that an earlier pair
#   of the same `ENV` sets: `ENV A=1 B=$A`.
#
#   All the pairs of one `ENV` are expanded with the values from before the
#   instruction, so `B` gets the old value of `A` (often empty), not `1`. Split the
#   instruction: `ENV A=1` then `ENV B=$A`. A pair that extends its own variable
#   (`ENV PATH=/opt/bin:$PATH`) is fine and not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#env
#     description: Dockerfile reference, ENV
#   - ref: https://docs.docker.com/reference/dockerfile/#environment-replacement
#     description: Dockerfile reference, environment replacement
# custom:
#   severity: warning
#   category: reliability
#   aliases: [DL3044]
package infralint.rules.dockerfile["env-self-reference"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s uses $%s, which this ENV sets: it still expands to the value from before the ENV", [later.key, name])) if {
	some i in df.instructions_of.env
	some k, later in i.pairs
	some name in later.vars
	some j, earlier in i.pairs
	j < k
	earlier.key == name
}
