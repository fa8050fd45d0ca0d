# METADATA
# title: Give services that others depend on a healthcheck
# description: |
#   Another service lists this one under `depends_on`, but it defines no healthcheck.
#
#   Without one, Compose can only wait for the dependency's container to start, not for
#   it to be ready: the dependent starts while the database is still initialising and
#   fails its first connections. When a dependent asks for
#   `condition: service_healthy`, Compose refuses to start the project unless the image
#   itself defines a `HEALTHCHECK`. Add a `healthcheck` that runs the service's own
#   readiness check (`pg_isready`, `redis-cli ping`, an HTTP probe). Dependencies
#   waited on with `service_completed_successfully` (one-shot jobs) are not reported.
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/startup-order/
#     description: Control startup order in Compose
#   - ref: https://docs.docker.com/reference/compose-file/services/#healthcheck
#     description: Compose file reference, healthcheck
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.compose["dependency-without-healthcheck"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(dep, sprintf("service %q is a dependency of %s but has no healthcheck: they cannot wait for it to be ready", [dep.name, concat(", ", _quoted(dependents))])) if {
	some dep in compose.services
	not dep.healthcheck
	dependents := {svc.name |
		some svc in compose.services
		svc.depends_on[dep.name].condition == "service_started"
		not svc.depends_on[dep.name].implicit
	}
	count(dependents) > 0
	not _waited_healthy(dep)
}

deny contains result.at(sprintf("%s/condition", [d.ptr]), sprintf("service %q waits for %q to be healthy, but %q has no healthcheck: unless its image defines one, the project does not start", [svc.name, name, name])) if {
	some svc in compose.services
	some name, d in svc.depends_on
	d.condition == "service_healthy"
	dep := input.services[name]
	not dep.healthcheck
}

_waited_healthy(dep) if {
	some svc in compose.services
	svc.depends_on[dep.name].condition == "service_healthy"
}

_quoted(names) := [sprintf("%q", [n]) | some n in sort(names)]
