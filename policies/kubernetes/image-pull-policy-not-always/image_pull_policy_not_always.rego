# METADATA
# title: Pull mutable image tags with imagePullPolicy Always
# description: |
#   A container whose image is not pinned by digest does not set `imagePullPolicy:
#   Always`.
#
#   With IfNotPresent, a node keeps running whatever it pulled under the tag first, even
#   after the tag moved: replicas on different nodes diverge. Pin by digest, or set
#   `imagePullPolicy: Always`.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#     description: "Kubernetes images: image names and tags"
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [pullPolicyNotAlways, container-image-pull-policy, CKV_K8S_15]
package infralint.rules.kubernetes["image-pull-policy-not-always"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/imagePullPolicy"), sprintf("container %q pulls the mutable image %q only when not present", [c.name, c.image])) if {
	some c in k8s.containers
	c.image_ref.tag
	not c.image_ref.digest
	not lower(c.image_ref.tag) == "latest" # latest defaults to Always
	not c.imagePullPolicy == "Always"
}
