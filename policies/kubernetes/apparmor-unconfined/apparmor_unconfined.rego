# METADATA
# title: Do not run containers without AppArmor
# description: |
#   The pod or a container sets its AppArmor profile to unconfined.
#
#   AppArmor confines what a process may do on the node; unconfined turns that off. The
#   Baseline Pod Security Standard allows only RuntimeDefault and Localhost profiles.
#   Remove the override, or use a Localhost profile made for the workload.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0002, KSV002]
package infralint.rules.kubernetes["apparmor-unconfined"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr("/securityContext/appArmorProfile/type"), sprintf("%s %q runs without AppArmor confinement", [k8s.kind, k8s.name])) if {
	k8s.pod_spec.securityContext.appArmorProfile.type == "Unconfined"
}

deny contains result.at(k8s.ptr_of(c, "/securityContext/appArmorProfile/type"), sprintf("container %q runs without AppArmor confinement", [c.name])) if {
	some c in k8s.containers
	c.securityContext.appArmorProfile.type == "Unconfined"
}

deny contains result.at(sprintf("%s/metadata/annotations/%s", [k8s.pod_template_ptr, replace(key, "/", "~1")]), sprintf("annotation %s runs the container without AppArmor confinement", [key])) if {
	some key, v in k8s.pod_metadata.annotations
	startswith(key, "container.apparmor.security.beta.kubernetes.io/")
	v == "unconfined"
}
