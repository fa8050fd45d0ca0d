# METADATA
# title: Give long-running images a HEALTHCHECK
# description: |
#   The final image has no `HEALTHCHECK` (in its stage or the stages it is built `FROM`).
#
#   Without one, Docker and Compose only know whether the main process is running, not
#   whether it still answers: a deadlocked server stays "up". Add a check that exercises
#   the service, such as `HEALTHCHECK CMD ["/app", "healthcheck"]` or a `curl -f` of a
#   health endpoint. The rule is off by default: Kubernetes ignores `HEALTHCHECK` (it
#   uses its own probes), and images that run a job and exit need none. `HEALTHCHECK
#   NONE` counts as a deliberate choice, and images without `CMD` or `ENTRYPOINT` in
#   their chain (bases for other images, `FROM scratch` artifacts) are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#healthcheck
#     description: Dockerfile reference, HEALTHCHECK
#   - ref: https://docs.docker.com/compose/how-tos/startup-order/
#     description: Docker Compose, control startup order with health checks
# custom:
#   severity: info
#   category: reliability
#   enabled: false
#   aliases: [DL3057, DS-0026, DS026, CKV_DOCKER_2]
package infralint.rules.dockerfile["healthcheck-missing"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(df.final_stage, "the final image has no HEALTHCHECK") if {
	not _has("healthcheck")
	_has("cmd")
}

deny contains result.fail(df.final_stage, "the final image has no HEALTHCHECK") if {
	not _has("healthcheck")
	_has("entrypoint")
}

_has(cmd) if {
	some i in df.top_level_of[cmd]
	i.stage in df.final_chain
}
