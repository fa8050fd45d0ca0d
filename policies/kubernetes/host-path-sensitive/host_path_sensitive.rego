# METADATA
# title: Do not mount sensitive host directories
# description: |
#   A hostPath volume mounts a sensitive directory of the node, such as /, /etc, /proc or
#   the kubelet's directory.
#
#   These directories hold the node's credentials and configuration: a pod that mounts
#   them can take over the node. Remove the mount.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [sensitive-host-mounts]
package infralint.rules.kubernetes["host-path-sensitive"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_sensitive := {"/", "/etc", "/proc", "/sys", "/root", "/boot", "/dev", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/etc/kubernetes", "/var/run", "/run"}

deny contains result.at(k8s.spec_ptr(sprintf("/volumes/%d/hostPath/path", [i])), sprintf("volume %q mounts sensitive host directory %s", [v.name, v.hostPath.path])) if {
	some i, v in k8s.pod_spec.volumes
	p := v.hostPath.path
	_clean(p) in _sensitive
}

_clean(p) := "/" if p == "/"

_clean(p) := trim_suffix(p, "/") if p != "/"
