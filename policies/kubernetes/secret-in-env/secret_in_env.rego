# METADATA
# title: Do not write secrets into environment variables
# description: |
#   A container sets a secret-looking environment variable (a password, token or key) to a
#   literal value.
#
#   The value is stored in plain text in the manifest, in version control and in the API
#   server, and anyone who can read the workload can read it. Put it in a Secret and use
#   `valueFrom.secretKeyRef` (or mount it as a file).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
#     description: Using Secrets as environment variables
# custom:
#   severity: error
#   category: security
#   aliases: [env-var-secret, sensitiveContainerEnvVar]
package infralint.rules.kubernetes["secret-in-env"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_secret_words := {"PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS"}

_secret_pairs := {["API", "KEY"], ["PRIVATE", "KEY"], ["ACCESS", "KEY"], ["SECRET", "KEY"], ["AUTH", "KEY"], ["CLIENT", "SECRET"]}

# The last word of the name says what the value is: DB_PASSWORD is a password,
# MAX_TOKENS and PASSWORD_FILE are not.
_secret_name(n) if {
	words := regex.split(`[_.-]+`, upper(n))
	words[count(words) - 1] in _secret_words
}

_secret_name(n) if {
	words := regex.split(`[_.-]+`, upper(n))
	count(words) >= 2
	[words[count(words) - 2], words[count(words) - 1]] in _secret_pairs
}

# Flags and placeholders are not secrets.
_placeholder(v) if lower(v) in {"true", "false", "yes", "no", "0", "1", "none", "null", "changeme", "<nil>"}

_placeholder(v) if contains(v, "$(")

deny contains result.at(k8s.ptr_of(c, sprintf("/env/%d/value", [i])), sprintf("container %q sets %s to a literal value", [c.name, e.name])) if {
	some c in k8s.containers
	some i, e in c.env
	is_string(e.value)
	e.value != ""
	_secret_name(e.name)
	not _placeholder(e.value)
}
