# METADATA
# title: Do not run with the root group
# description: |
#   The pod or a container sets GID 0 as its group, fsGroup or a supplemental group.
#
#   Files owned by the root group are often group-writable: a process in group 0 can
#   change them. Set a non-zero `runAsGroup` and `fsGroup`.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#     description: Configure a Security Context for a Pod or Container
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0116, KSV116]
package infralint.rules.kubernetes["run-as-root-group"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr(sprintf("/securityContext/%s", [f])), sprintf("%s %q runs with the root group (%s 0)", [k8s.kind, k8s.name, f])) if {
	some f in ["runAsGroup", "fsGroup"]
	k8s.pod_spec.securityContext[f] == 0
}

deny contains result.at(k8s.spec_ptr(sprintf("/securityContext/supplementalGroups/%d", [i])), sprintf("%s %q adds the root group to its supplemental groups", [k8s.kind, k8s.name])) if {
	some i, g in k8s.pod_spec.securityContext.supplementalGroups
	g == 0
}

deny contains result.at(k8s.ptr_of(c, "/securityContext/runAsGroup"), sprintf("container %q runs with the root group", [c.name])) if {
	some c in k8s.containers
	c.securityContext.runAsGroup == 0
}
