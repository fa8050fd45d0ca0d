# METADATA
# title: Do not run services as root
# description: |
#   The service sets `user: root` (or `0`), overriding the user its image was built to
#   run as.
#
#   A process running as root in a container is root on the host when it escapes, and
#   can change every file of the container. Remove `user:` to keep the image's user, or
#   name an unprivileged one (`user: "1000:1000"`); fix file ownership in the image or
#   with a volume's permissions rather than running as root.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#user
#     description: Compose file reference, user
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker best practices, USER
# custom:
#   severity: warning
#   category: security
package infralint.rules.compose["service-user-root"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(compose.at(svc, "user"), sprintf("service %q runs as root (user: %s)", [svc.name, svc.user])) if {
	some svc in compose.services
	lower(split(svc.user, ":")[0]) in {"root", "0"}
}
