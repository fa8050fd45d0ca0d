# METADATA
# title: Do not propagate mounts back to the host
# description: |
#   A bind mount of the service has `propagation: shared` or `rshared`, so mounts the
#   container makes below it appear on the host (and in every other container that
#   shares the mount).
#
#   A compromised container could mount over host paths that other processes trust.
#   Keep the default (`rprivate`), or use `rslave`, which only lets host mounts flow
#   into the container.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation
#     description: Docker storage, bind propagation
#   - ref: https://docs.docker.com/reference/compose-file/services/#volumes
#     description: Compose file reference, volumes
# custom:
#   severity: warning
#   category: security
#   aliases: [baa452f0-1f21-4a25-ace5-844e7a5f410d]
package infralint.rules.compose["shared-mount-propagation"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(v, sprintf("service %q mounts %s with %s propagation: its mounts reach the host", [svc.name, v.source, v.propagation])) if {
	some svc in compose.services
	some v in svc.volumes
	v.propagation in {"shared", "rshared"}
}
