# METADATA
# title: Run services with a read-only root file system
# description: |
#   The service does not set `read_only: true`, so its processes can change the files
#   of the container.
#
#   A read-only root file system stops an attacker from replacing binaries or dropping
#   tools into the container, and makes the places the service writes explicit: mount a
#   volume or a `tmpfs` on each of them (`/tmp`, a cache directory). The rule is off by
#   default, since many images write outside their volumes.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#read_only
#     description: Compose file reference, read_only
# custom:
#   severity: info
#   category: security
#   enabled: false
package infralint.rules.compose["read-only-rootfs-missing"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("service %q has a writable root file system", [svc.name])) if {
	some svc in compose.services
	not svc.read_only
}
