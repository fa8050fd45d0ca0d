# METADATA
# title: Do not mount host paths
# description: |
#   A `hostPath` volume mounts a directory of the node into the pod.
#
#   The pod reads, and unless read-only writes, the node's files: other pods' data,
#   credentials, the container runtime. The Baseline Pod Security Standard forbids
#   hostPath volumes. Use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: warning
#   category: security
#   aliases: [KSV-0023, KSV023, hostPathSet]
package infralint.rules.kubernetes["host-path-volume"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.spec_ptr(sprintf("/volumes/%d/hostPath", [i])), sprintf("volume %q mounts host path %s", [v.name, v.hostPath.path])) if {
	some i, v in k8s.pod_spec.volumes
	v.hostPath
}
