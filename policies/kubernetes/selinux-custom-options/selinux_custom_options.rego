# METADATA
# title: Do not set custom SELinux options
# description: |
#   The pod or a container sets an SELinux type outside the container types, or sets an
#   SELinux user or role.
#
#   Custom SELinux users, roles and types can lift the confinement the container runtime
#   applies. The Baseline Pod Security Standard allows only the types container_t,
#   container_init_t, container_kvm_t and container_engine_t, and no user or role. Remove
#   the override.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0025, KSV025]
package infralint.rules.kubernetes["selinux-custom-options"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_types := {"container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

_sources contains [k8s.spec_ptr("/securityContext/seLinuxOptions"), k8s.pod_spec.securityContext.seLinuxOptions]

_sources contains [k8s.ptr_of(c, "/securityContext/seLinuxOptions"), c.securityContext.seLinuxOptions] if some c in k8s.containers

deny contains result.at(concat("/", [ptr, "type"]), sprintf("SELinux type %q is not a container type", [o.type])) if {
	some [ptr, o] in _sources
	o.type
	not o.type in _types
}

deny contains result.at(concat("/", [ptr, f]), sprintf("SELinux %s is set to %q", [f, o[f]])) if {
	some [ptr, o] in _sources
	some f in ["user", "role"]
	o[f] != ""
}
