# METADATA
# title: Set each environment variable once
# description: |
#   A container sets the same environment variable twice.
#
#   Only the last value takes effect, which is rarely what the author of the first one
#   meant. Remove the duplicate.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
#     description: Define Environment Variables for a Container
# custom:
#   severity: warning
#   category: reliability
#   aliases: [duplicate-env-var, environment-variable-key-duplication]
package infralint.rules.kubernetes["env-duplicate"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, sprintf("/env/%d/name", [j])), sprintf("container %q sets %s more than once", [c.name, e.name])) if {
	some c in k8s.containers
	some i, first in c.env
	some j, e in c.env
	j > i
	e.name == first.name
}
