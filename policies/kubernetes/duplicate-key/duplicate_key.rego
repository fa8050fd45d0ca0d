# METADATA
# title: Write each key once
# description: |
#   A mapping of the object writes the same key twice.
#
#   Only one of the values takes effect, and which one depends on the tool: a JSON
#   decoder keeps the last, and the API server's strict field validation (the default
#   of kubectl since Kubernetes 1.27) rejects the object. A repeated `resources.requests`
#   or `env` block usually means half of what was written is silently lost. Merge the
#   two into one key. infralint lints the last value, as most tools read it.
# related_resources:
#   - ref: https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
#     description: Field validation
# custom:
#   severity: error
#   category: reliability
package infralint.rules.kubernetes["duplicate-key"]

import data.infralint.lib.result

deny contains result.at(d.ptr, sprintf("key %q is written twice in this mapping (first at line %d): only one value takes effect", [d.key, d.first_line])) if {
	some d in input.duplicate_keys
}
