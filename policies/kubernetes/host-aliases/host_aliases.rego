# METADATA
# title: Do not manage /etc/hosts with hostAliases
# description: |
#   The pod sets `hostAliases`, writing entries into its /etc/hosts.
#
#   Hard-coded addresses bypass cluster DNS: they break silently when the target moves and
#   hide the dependency from everyone reading Services. Use a Service (an ExternalName
#   Service for outside hosts) instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
#     description: Adding entries to Pod /etc/hosts with HostAliases
# custom:
#   severity: info
#   category: maintainability
#   aliases: [KSV-0007, KSV007]
package infralint.rules.kubernetes["host-aliases"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/hostAliases"), sprintf("%s %q writes /etc/hosts entries with hostAliases", [k8s.kind, k8s.name])) if {
	count(k8s.pod_spec.hostAliases) > 0
}
