# METADATA
# title: Tag images with a fixed version
# description: |
#   A container image has no tag, or a floating tag such as latest.
#
#   A floating tag is whatever the registry serves when a node pulls it: two replicas can
#   run different code, and a rollback does not roll anything back. Use a version tag
#   (better: a digest), set from values in a Helm chart.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#     description: "Kubernetes images: image names and tags"
# custom:
#   severity: warning
#   category: reliability
#   aliases: [KSV-0013, KSV013, latest-tag, tagNotSpecified, container-image-tag, CKV_K8S_14]
#   options:
#     floating_tags:
#       type: array
#       default: ["latest", "head", "canary", "master", "main", "edge", "nightly"]
#       description: Tags that name a moving target rather than a release (lower case).
package infralint.rules.kubernetes["image-tag-latest"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/image"), sprintf("image %q has no tag", [c.image])) if {
	some c in k8s.containers
	r := c.image_ref
	r.repository
	not r.tag
	not r.digest
}

deny contains result.at(k8s.ptr_of(c, "/image"), sprintf("image %q uses the floating tag %q", [c.image, c.image_ref.tag])) if {
	some c in k8s.containers
	lower(c.image_ref.tag) in {t | some t in options.floating_tags}
	not c.image_ref.digest
}
