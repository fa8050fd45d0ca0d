# METADATA
# title: Keep databases off the public front end's network
# description: |
#   A database service shares a network with a public front end that does not use the
#   database: a web server or proxy (nginx, httpd, Caddy, Traefik, HAProxy, Envoy) or a
#   service named like one (`web`, `frontend`, `ui`, `proxy`, `gateway`) that publishes
#   ports to the host, with no `depends_on`, link, shared secret or mention of the
#   database in its environment.
#
#   Whoever compromises the exposed service (a web front end) can connect to the
#   database directly. Give the database a network of its own that only the services
#   that use it join, for example `frontend` for the web and API services and
#   `backend` for the API and the database. Without `networks:`, every service is on
#   the project's `default` network.
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/networking/#specify-custom-networks
#     description: Networking in Compose, custom networks
#   - ref: https://docs.docker.com/reference/compose-file/services/#networks
#     description: Compose file reference, networks
# custom:
#   severity: info
#   category: security
#   aliases: [ce14a68b-1668-41a0-ab7d-facd9f784742]
package infralint.rules.compose["database-network-exposed"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.at(db.networks[net].ptr, msg) if {
	some db in compose.services
	compose.database(db)
	some net, _ in db.networks
	exposed := sort([f.name |
		some f in compose.services
		f.name != db.name
		not compose.database(f)
		f.networks[net]
		_public(f)
		_frontend(f)
		not _uses(f, db)
	])
	count(exposed) > 0
	msg := sprintf("%s service %q shares network %q with the public front end %s, which does not use it", [compose.databases[compose.database(db)].title, db.name, net, concat(", ", [sprintf("%q", [n]) | some n in exposed])])
}

_public(f) if {
	some p in f.ports
	compose.all_interfaces(p)
}

_uses(f, db) if f.depends_on[db.name]

_uses(f, db) if {
	some l in f.links
	split(l, ":")[0] == db.name
}

_uses(f, db) if {
	some _, v in f.environment
	is_string(v.value)
	regex.match(sprintf(`(^|[^A-Za-z0-9_.-])%s([^A-Za-z0-9_-]|$)`, [replace(db.name, ".", `\.`)]), v.value)
}

_uses(f, db) if {
	some m in f.secrets
	some n in db.secrets
	m.source == n.source
}

_frontend_images := {
	"nginx", "nginxinc/nginx-unprivileged", "httpd", "caddy", "traefik", "haproxy",
	"envoyproxy/envoy", "nginxproxy/nginx-proxy", "jwilder/nginx-proxy", "jc21/nginx-proxy-manager",
	"bitnami/nginx", "openresty/openresty",
}

_frontend_words := {"web", "www", "frontend", "front", "ui", "proxy", "gateway", "nginx", "client", "webapp", "site"}

_frontend(f) if f.image.name in _frontend_images

_frontend(f) if {
	some w in regex.split(`[-_.]`, lower(f.name))
	w in _frontend_words
}
