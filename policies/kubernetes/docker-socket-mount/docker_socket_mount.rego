# METADATA
# title: Do not mount the container runtime socket
# description: |
#   A hostPath volume mounts the Docker, containerd or CRI-O socket.
#
#   Whoever can talk to the runtime socket can start a privileged container on the node:
#   it is root on the node. Remove the mount; build images with a rootless builder
#   (BuildKit rootless, Kaniko) instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: error
#   category: security
#   aliases: [KSV-0006, KSV006, docker-sock, CKV_K8S_27]
package infralint.rules.kubernetes["docker-socket-mount"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_sockets := {"/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/cri-dockerd.sock"}

deny contains result.at(k8s.spec_ptr(sprintf("/volumes/%d/hostPath/path", [i])), sprintf("volume %q mounts the container runtime socket %s", [v.name, v.hostPath.path])) if {
	some i, v in k8s.pod_spec.volumes
	trim_suffix(v.hostPath.path, "/") in _sockets
}
