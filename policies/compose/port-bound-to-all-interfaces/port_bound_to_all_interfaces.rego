# METADATA
# title: Bind published ports to a host address
# description: |
#   A published port has no host address, so it listens on every network interface of
#   the host.
#
#   Docker's published ports bypass most host firewalls; on a machine with a public
#   address the service is reachable from the internet. Bind ports that only local tools
#   need to the loopback interface (`"127.0.0.1:8080:80"`), and ports meant to be public
#   to the interface that should serve them. The rule is off by default: databases have
#   their own rule on by default (`database-port-exposed`).
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
#   - ref: https://docs.docker.com/engine/network/packet-filtering-firewalls/#port-publishing-and-mapping
#     description: Docker packet filtering and firewalls, port publishing
# custom:
#   severity: info
#   category: security
#   enabled: false
#   aliases: [no-unbound-port-interfaces, 451d79dc-0588-476a-ad03-3c7f0320abb3]
package infralint.rules.compose["port-bound-to-all-interfaces"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(p, sprintf("service %q publishes port %d on every host interface", [svc.name, p.target])) if {
	some svc in compose.services
	some p in svc.ports
	compose.all_interfaces(p)
}
