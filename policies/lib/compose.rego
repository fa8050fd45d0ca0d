# METADATA
# description: |
#   Helpers over the Compose input (see `infralint parse compose.yaml` for its shape):
#   pointers to a service's attributes, the databases an image runs (their data
#   directories and ports), published ports, mounts, and names that hold secrets.
package infralint.lib.compose

# services are the project's services (every profile, unless the configuration
# restricts them).
services := input.services

# at is the pointer of attribute `name` of a service (or of any element with a ptr).
at(node, name) := sprintf("%s/%s", [node.ptr, name])

# database is the kind of database a service's image runs: postgres, mysql, mongo, ...
database(svc) := kind if {
	all := service_databases # the whole object: computed once per document, then cached
	kind := all[svc.name]
}

# service_databases maps the name of each database service to its kind.
service_databases[name] := kind if {
	some name, svc in input.services
	some kind, db in databases
	_image_matches(svc.image, db)
}

# _image_matches compares the image's repository, its last path component (mirrors:
# public.ecr.aws/docker/library/postgres) and its familiar name with a database's images.
_image_matches(img, db) if img.name in db.images

_image_matches(img, db) if {
	parts := split(img.repository, "/")
	parts[count(parts) - 1] in db.images
	not startswith(img.repository, "bitnami/")
}

# databases describes the database images infralint knows: their names, where they keep
# their data, and the ports they serve.
databases := {
	"postgres": {
		"title": "PostgreSQL",
		"images": {"postgres", "postgis/postgis", "postgis", "timescale/timescaledb", "timescaledb", "timescale/timescaledb-ha", "timescaledb-ha", "pgvector/pgvector", "ankane/pgvector", "pgvector", "supabase/postgres"},
		"data": ["/var/lib/postgresql/data"],
		"ports": {5432},
	},
	"mysql": {
		"title": "MySQL",
		"images": {"mysql", "mysql/mysql-server", "mysql-server", "percona", "percona/percona-server", "percona-server"},
		"data": ["/var/lib/mysql"],
		"ports": {3306, 33060},
	},
	"mariadb": {
		"title": "MariaDB",
		"images": {"mariadb", "linuxserver/mariadb", "yobasystems/alpine-mariadb"},
		"data": ["/var/lib/mysql"],
		"ports": {3306},
	},
	"mongo": {
		"title": "MongoDB",
		"images": {"mongo", "mongodb/mongodb-community-server", "mongodb-community-server"},
		"data": ["/data/db"],
		"ports": {27017},
	},
	"redis": {
		"title": "Redis",
		"images": {"redis", "redis/redis-stack", "redis-stack", "redis/redis-stack-server", "redis-stack-server", "valkey/valkey", "valkey", "eqalpha/keydb", "keydb"},
		"data": ["/data"],
		"ports": {6379},
	},
	"elasticsearch": {
		"title": "Elasticsearch",
		"images": {"elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch"},
		"data": ["/usr/share/elasticsearch/data"],
		"ports": {9200, 9300},
	},
	"opensearch": {
		"title": "OpenSearch",
		"images": {"opensearchproject/opensearch", "opensearch"},
		"data": ["/usr/share/opensearch/data"],
		"ports": {9200, 9600},
	},
	"cassandra": {
		"title": "Cassandra",
		"images": {"cassandra"},
		"data": ["/var/lib/cassandra"],
		"ports": {9042, 7000},
	},
	"couchdb": {
		"title": "CouchDB",
		"images": {"couchdb"},
		"data": ["/opt/couchdb/data"],
		"ports": {5984},
	},
	"neo4j": {
		"title": "Neo4j",
		"images": {"neo4j"},
		"data": ["/data"],
		"ports": {7474, 7687},
	},
	"influxdb": {
		"title": "InfluxDB",
		"images": {"influxdb"},
		"data": ["/var/lib/influxdb2", "/var/lib/influxdb"],
		"ports": {8086},
	},
	"clickhouse": {
		"title": "ClickHouse",
		"images": {"clickhouse/clickhouse-server", "clickhouse-server", "yandex/clickhouse-server", "clickhouse"},
		"data": ["/var/lib/clickhouse"],
		"ports": {8123, 9000},
	},
	"mssql": {
		"title": "SQL Server",
		"images": {"mcr.microsoft.com/mssql/server", "mcr.microsoft.com/azure-sql-edge"},
		"data": ["/var/opt/mssql"],
		"ports": {1433},
	},
	"cockroach": {
		"title": "CockroachDB",
		"images": {"cockroachdb/cockroach", "cockroach"},
		"data": ["/cockroach/cockroach-data"],
		"ports": {26257},
	},
	"rabbitmq": {
		"title": "RabbitMQ",
		"images": {"rabbitmq"},
		"data": ["/var/lib/rabbitmq"],
		"ports": {5672},
	},
	"bitnami-postgresql": {"title": "PostgreSQL", "images": {"bitnami/postgresql"}, "data": ["/bitnami/postgresql"], "ports": {5432}},
	"bitnami-mysql": {"title": "MySQL", "images": {"bitnami/mysql"}, "data": ["/bitnami/mysql"], "ports": {3306}},
	"bitnami-mariadb": {"title": "MariaDB", "images": {"bitnami/mariadb"}, "data": ["/bitnami/mariadb"], "ports": {3306}},
	"bitnami-mongodb": {"title": "MongoDB", "images": {"bitnami/mongodb"}, "data": ["/bitnami/mongodb"], "ports": {27017}},
	"bitnami-redis": {"title": "Redis", "images": {"bitnami/redis", "bitnami/valkey"}, "data": ["/bitnami/redis/data", "/bitnami/valkey/data"], "ports": {6379}},
	"bitnami-elasticsearch": {"title": "Elasticsearch", "images": {"bitnami/elasticsearch"}, "data": ["/bitnami/elasticsearch/data"], "ports": {9200}},
}

# data_dirs are the directories where a database service keeps its data. PostgreSQL 18
# and later keep it in /var/lib/postgresql/<major>/docker; PGDATA moves it.
data_dirs(svc) := dirs if {
	all := _data_dirs
	dirs := all[svc.name]
}

_data_dirs[svc.name] := _dirs(svc) if {
	some svc in input.services
	service_databases[svc.name]
}

_dirs(svc) := [svc.environment.PGDATA.value] if {
	database(svc) == "postgres"
	svc.environment.PGDATA.value
} else := [sprintf("/var/lib/postgresql/%d/docker", [major])] if {
	database(svc) == "postgres"
	major := postgres_major(svc)
	major >= 18
} else := databases[database(svc)].data

# postgres_major is the major version a postgres image tag names (16 for 16.3-alpine).
postgres_major(svc) := to_number(m[1]) if {
	m := regex.find_all_string_submatch_n(`^(\d+)`, svc.image.tag, 1)[0]
}

# covers is true when a mount at target holds path (the path is the target or below it).
covers(target, path) if target == path

covers(target, path) if {
	t := trim_suffix(target, "/")
	t != ""
	startswith(path, concat("", [t, "/"]))
}

covers("/", _)

# persistent is true for a mount whose data outlives the container: a named volume or a
# bind mount (not an anonymous volume, not a tmpfs).
persistent(v) if v.type == "bind"

persistent(v) if {
	v.type == "volume"
	v.source != ""
}

# all_interfaces is true when a published port listens on every interface of the host.
all_interfaces(p) if not p.host_ip

all_interfaces(p) if p.host_ip in {"0.0.0.0", "::", "[::]"}

# published_numbers are the host ports of a published port: one for 8080, all of
# 8000-8002 for a range; none when Docker picks the port.
published_numbers(p) := {to_number(p.published)} if regex.match(`^\d+$`, p.published)

published_numbers(p) := numbers.range(to_number(r[1]), to_number(r[2])) if {
	r := regex.find_all_string_submatch_n(`^(\d+)-(\d+)$`, p.published, 1)[0]
	to_number(r[2]) - to_number(r[1]) < 65536
}

# host_path is the host side of a bind mount, with ~ and $HOME spelled as ~.
host_path(v) := v.source if v.type == "bind"

# has_healthcheck is true when the service defines a healthcheck that is not disabled.
has_healthcheck(svc) if {
	svc.healthcheck
	not svc.healthcheck.disable
}

# secret_name is true for a variable name that says it holds a secret: a password,
# token, API key, private key or credentials. Names are split into words at _, -, .
# and camelCase humps; names that describe a secret rather than hold it (a last word
# such as FILE, PATH, USER, LENGTH) and switches (ALLOW_EMPTY_PASSWORD) are not.
secret_name(key) if {
	words := _words(key)
	_has_secret_word(words)
	not words[count(words) - 1] in _descriptive
	not _switch(words)
	not "public" in words
	not "pub" in words
}

_words(key) := [w |
	some w in regex.split(`[_.\-]+`, lower(regex.replace(key, `([a-z0-9])([A-Z])`, "${1}_${2}")))
	w != ""
]

_secret_words := {
	"password", "passwd", "passphrase", "secret", "token", "apikey", "credential",
	"credentials", "creds", "privatekey", "accesskey", "secretkey", "authtoken", "pwd",
}

_key_qualifiers := {"api", "access", "private", "secret", "auth", "signing", "encryption", "master", "license", "account", "app", "client", "jwt", "session"}

_descriptive := {
	"file", "files", "path", "dir", "directory", "url", "uri", "host", "hostname", "port",
	"name", "user", "username", "id", "length", "len", "min", "max", "size", "type",
	"mode", "method", "enabled", "enable", "disabled", "disable", "required", "policy",
	"rounds", "algorithm", "algo", "expiry", "expires", "expiration", "ttl", "timeout",
	"header", "prefix", "suffix", "env", "var", "field", "location", "endpoint",
	"version", "count", "days", "hash", "format", "store", "manager", "helper",
	"provider", "mount", "source", "ref", "arn", "limit", "lifetime", "age", "complexity",
	"strength", "validation", "reset", "command", "cmd", "script", "secrets", "dummy",
	"storage", "backend", "issuer", "audience", "scope", "scopes", "refresh", "interval",
}

_switches := {"no", "disable", "disabled", "enable", "enabled", "use", "require", "allow", "skip", "ignore", "with", "without", "has", "is", "show", "random", "generate", "empty"}

_switch(words) if words[0] in _switches

# MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD: a switch word anywhere before
# the secret word.
_switch(words) if {
	some i, w in words
	w in {"allow", "random", "empty", "generate", "skip"}
	i < count(words) - 1
}

_has_secret_word(words) if {
	some w in words
	w in _secret_words
}

_has_secret_word(words) if {
	some w in words
	some suffix in ["password", "passwd"]
	endswith(w, suffix)
}

_has_secret_word(words) if words[count(words) - 1] == "pass"

_has_secret_word(words) if {
	some n, w in words
	w == "key"
	n > 0
	words[n - 1] in _key_qualifiers
}

# harmless_value is true for a value that cannot be a secret: empty, a path, a boolean,
# a reference to a file or to a Docker secret.
harmless_value(v) if v == ""

harmless_value(v) if startswith(v, "/")

harmless_value(v) if lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1", "none", "null"}

harmless_value(v) if regex.match(`^<[^>]*>$`, v)
