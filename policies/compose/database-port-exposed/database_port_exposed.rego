# METADATA
# title: Do not publish database ports on every interface
# description: |
#   A database service (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, Elasticsearch, …)
#   publishes its port without a host address, so the database listens on every
#   network interface of the host.
#
#   Docker's port publishing bypasses most host firewalls (it writes its own iptables
#   rules), so the database is reachable from the network the host is on, often the
#   internet; databases started for development rarely have strong passwords. Other
#   services of the project reach the database by its service name without any
#   published port: remove the mapping, or bind it to the loopback interface
#   (`"127.0.0.1:5432:5432"`) for tools on the host.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: Compose file reference, ports
#   - ref: https://docs.docker.com/engine/network/packet-filtering-firewalls/#port-publishing-and-mapping
#     description: Docker packet filtering and firewalls, port publishing
# custom:
#   severity: warning
#   category: security
package infralint.rules.compose["database-port-exposed"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(p, sprintf("%s service %q publishes port %d on every host interface: bind it to 127.0.0.1 or do not publish it", [db.title, svc.name, p.target])) if {
	some svc in compose.services
	db := compose.databases[compose.database(svc)]
	some p in svc.ports
	p.target in db.ports
	compose.all_interfaces(p)
}
