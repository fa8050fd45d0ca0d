# METADATA
# title: Keep the non-root user the Dockerfile sets
# description: |
#   The Dockerfile stage the service builds ends with a non-root `USER`, and the
#   service's `user:` puts the container back to root.
#
#   Whoever wrote the Dockerfile made the image run unprivileged; the Compose file
#   undoes that for this project, often to work around a file permission problem, and
#   the container runs with every privilege root has. Remove `user:` (or name the
#   Dockerfile's user), and fix ownership instead: `COPY --chown`, a volume's
#   permissions, or an entrypoint that drops privileges. The related location shows the
#   Dockerfile's `USER`. `service-user-root` reports every root `user:`; this rule adds
#   the Dockerfile it overrides, and is the one to keep when only that case matters.
#   When neither file sets a non-root user, `user-root` reports the Dockerfile, which
#   the run lints together with the Compose file, so this rule does not repeat it.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#user
#     description: Compose file reference, user
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
# custom:
#   severity: warning
#   category: security
package infralint.rules.cross["build-user-root-override"]

import data.infralint.lib.cross
import data.infralint.lib.result

deny contains result.at(sprintf("%s/user", [cross.service.ptr]), sprintf("service %q runs as root (user: %s), overriding USER %s of %s", [cross.service.name, cross.service.user, u.user, cross.dockerfile_name])) if {
	cross.service_root
	u := cross.dockerfile.user
	not u.root
	not u.variable
}
