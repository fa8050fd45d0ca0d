# METADATA
# title: Set the variables the file uses
# description: |
#   A value uses a variable (`${NAME}` or `$NAME`) that neither the configured
#   environment nor an env file sets, and that has no default.
#
#   Compose substitutes an empty string and only prints a warning, so `image: app:${TAG}`
#   becomes `app:` and a published port loses its host side. Add the variable to the
#   `.env` file, give it a default (`${TAG:-1.4}`), or make it required with a message
#   (`${TAG:?set TAG to the release}`), which stops Compose with that message. A required
#   variable that is missing is reported as an error.
#
#   infralint reads the project's `.env` and the env files of its configuration, not the
#   shell it runs in: set `compose.env-files` in the configuration to the files your CI
#   uses.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/interpolation/
#     description: Compose file reference, interpolation
#   - ref: https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/
#     description: Set, use and manage variables with interpolation
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.compose["variable-not-set"]

import data.infralint.lib.result

deny contains result.fail(v, sprintf("variable %s is not set and has no default: Compose substitutes an empty string", [v.name])) if {
	some v in input.variables
	not v.set
	not v.default
	not v.required
}
