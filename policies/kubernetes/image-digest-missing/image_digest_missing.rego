# METADATA
# title: Pin images by digest
# description: |
#   A container image is referenced by tag only, not by digest.
#
#   A tag can be moved to another image; a digest cannot. Pinning by digest makes every
#   node run the bytes that were tested. Append `@sha256:…` to the reference (tools such
#   as Renovate keep digests current).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#     description: "Kubernetes images: image names and tags"
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [CKV_K8S_43]
package infralint.rules.kubernetes["image-digest-missing"]

import data.infralint.lib.result
import data.infralint.lib.k8s

deny contains result.at(k8s.ptr_of(c, "/image"), sprintf("image %q is not pinned by digest", [c.image])) if {
	some c in k8s.containers
	c.image_ref.repository
	not c.image_ref.digest
}
