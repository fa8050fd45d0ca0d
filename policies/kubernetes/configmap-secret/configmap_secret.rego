# METADATA
# title: Do not store secrets in ConfigMaps
# description: |
#   A ConfigMap holds a key that looks like a secret (a password, token or private key).
#
#   ConfigMaps are not meant for confidential data: they are readable by more roles,
#   printed by `kubectl describe`, and never encrypted at rest. Move the value into a
#   Secret.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/configmap/
#     description: "ConfigMaps: not for confidential data"
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-01010, KSV-0109, KSV109, sensitiveConfigmapContent]
package infralint.rules.kubernetes["configmap-secret"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_words := ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "private_key", "private-key", "privatekey", "access_key", "access-key", "credential"]

deny contains result.at(sprintf("/data/%s", [replace(replace(key, "~", "~0"), "/", "~1")]), sprintf("ConfigMap %q holds %s, which looks like a secret", [k8s.name, key])) if {
	input.kind == "ConfigMap"
	some key, v in input.data
	is_string(v)
	v != ""
	l := lower(key)
	some w in _words
	contains(l, w)
	not endswith(l, "_file")
	not endswith(l, "_path")
}

deny contains result.at(sprintf("/data/%s", [replace(replace(key, "~", "~0"), "/", "~1")]), sprintf("ConfigMap %q holds a private key in %s", [k8s.name, key])) if {
	input.kind == "ConfigMap"
	some key, v in input.data
	is_string(v)
	contains(v, "PRIVATE KEY-----")
}
