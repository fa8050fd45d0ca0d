# METADATA
# title: Do not set Service externalIPs
# description: |
#   A Service sets `externalIPs`.
#
#   Any user who can create a Service with externalIPs can intercept traffic to those
#   addresses cluster-wide (CVE-2020-8554). Use a LoadBalancer or Ingress instead, and
#   block the field with an admission policy.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/
#     description: Kubernetes Services
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0108, KSV108]
package infralint.rules.kubernetes["service-external-ips"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at("/spec/externalIPs", sprintf("Service %q sets externalIPs", [k8s.name])) if {
	input.kind == "Service"
	count(object.get(input.spec, "externalIPs", [])) > 0
}
