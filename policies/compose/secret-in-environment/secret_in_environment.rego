# METADATA
# title: Do not write secrets into the Compose file
# description: |
#   An environment variable or build argument whose name says it holds a secret (a
#   password, token, API key, private key or credentials) is given a literal value in
#   the Compose file.
#
#   The file is committed and shared, so the secret is in every clone and in the
#   history; a build argument is also recorded in the image. Use Compose secrets
#   (`secrets:`, mounted at `/run/secrets/<name>`, with the `_FILE` variables many
#   images read), or interpolate the value from a `.env` file that is not committed
#   (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}`). Values that are empty, paths, booleans
#   or `<placeholders>` are not reported, nor values read from an `env_file`.
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/use-secrets/
#     description: Manage secrets securely in Docker Compose
#   - ref: https://docs.docker.com/reference/compose-file/services/#environment
#     description: Compose file reference, environment
# custom:
#   severity: warning
#   category: security
package infralint.rules.compose["secret-in-environment"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(v, sprintf("service %q sets %s to a literal secret: use secrets: or ${%s} from an uncommitted .env", [svc.name, name, name])) if {
	some svc in compose.services
	some name, v in svc.environment
	_literal_secret(name, v)
}

deny contains result.fail(v, sprintf("service %q passes build argument %s as a literal secret: it is recorded in the image", [svc.name, name])) if {
	some svc in compose.services
	some name, v in svc.build.args
	_literal_secret(name, v)
}

_literal_secret(name, v) if {
	compose.secret_name(name)
	is_string(v.value)
	not v.interpolated
	not v.env_file
	not compose.harmless_value(trim_space(v.value))
}
