# METADATA
# title: Use a numeric UID in USER
# description: |
#   The final image's `USER` names a user (`USER app`) rather than a numeric UID
#   (`USER 10001`).
#
#   A runtime that must enforce a non-root user (Kubernetes `runAsNonRoot`, Pod
#   Security "restricted") cannot tell from a name whether it stands for root, and
#   refuses to start such an image; a name also depends on the image's `/etc/passwd`.
#   Create the user with a fixed UID and GID and refer to them by number:
#   `USER 10001:10001`. The rule is off by default; only the final stage and the stages
#   it is built `FROM` are checked, and values with variables are not.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards, running as non-root
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [DL3066]
package infralint.rules.dockerfile["user-not-numeric"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("USER %s names a user: use its numeric UID (and GID)", [spec])) if {
	some i in df.instructions_of.user
	df.image_stage(i)
	spec := df.words(i)[0]
	not contains(spec, "$")
	some part in split(spec, ":")
	not regex.match(`^[0-9]+$`, part)
}
