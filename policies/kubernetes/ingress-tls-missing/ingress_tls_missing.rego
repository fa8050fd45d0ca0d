# METADATA
# title: Serve Ingresses over HTTPS
# description: |
#   An Ingress has no `tls` section: it serves plain HTTP.
#
#   Without TLS, credentials and cookies cross the network in clear text and can be
#   changed in transit. Add a `tls` entry for every host (cert-manager can issue the
#   certificate).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
#     description: Ingress TLS
# custom:
#   severity: warning
#   category: security
#   aliases: [tlsSettingsMissing]
package infralint.rules.kubernetes["ingress-tls-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/tls", sprintf("Ingress %q serves plain HTTP (no tls)", [k8s.name])) if {
	input.kind == "Ingress"
	count(object.get(input.spec, "tls", [])) == 0
}
