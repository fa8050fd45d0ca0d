# METADATA
# title: Use only the volume types the Restricted standard allows
# description: |
#   The pod uses a volume type outside configMap, csi, downwardAPI, emptyDir, ephemeral,
#   persistentVolumeClaim, projected and secret.
#
#   Volume types such as nfs, iscsi, gitRepo or cephfs reach storage directly from the
#   node, bypassing the cluster's storage classes and their access control. The Restricted
#   Pod Security Standard forbids them. Use a PersistentVolumeClaim. (hostPath is reported
#   by `host-path-volume`.)
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards
# custom:
#   severity: info
#   category: security
#   aliases: [KSV-0028, KSV028]
package infralint.rules.kubernetes["restricted-volume-types"]

import data.infralint.lib.result
import data.infralint.lib.k8s

_allowed := {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret", "hostPath", "name"}

deny contains result.at(k8s.spec_ptr(sprintf("/volumes/%d/%s", [i, t])), sprintf("volume %q is of type %s", [v.name, t])) if {
	some i, v in k8s.pod_spec.volumes
	some t, _ in v
	not t in _allowed
}
