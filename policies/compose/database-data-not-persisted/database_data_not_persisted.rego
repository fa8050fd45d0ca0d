# METADATA
# title: Keep database data on a volume
# description: |
#   A database service (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, Elasticsearch, …)
#   keeps its data in a directory that is not on a named volume or a bind mount.
#
#   Without one the data lives in the container, or in an anonymous volume that the
#   next `docker compose down` and `up` leave behind, and is lost when the container is
#   recreated. Mount a named volume on the data directory (`db-data:/var/lib/postgresql/data`
#   and `db-data:` under the top-level `volumes:`). PostgreSQL 18 and later keep their
#   data in `/var/lib/postgresql/<major>/docker`: mount `/var/lib/postgresql`, not
#   `/var/lib/postgresql/data`. A tmpfs on the data directory is taken as a deliberate
#   throw-away database and not reported.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/volumes/
#     description: Docker storage, volumes
#   - ref: https://docs.docker.com/reference/compose-file/volumes/
#     description: Compose file reference, volumes
#   - ref: https://hub.docker.com/_/postgres
#     description: The postgres image, where to store data
# custom:
#   severity: warning
#   category: reliability
package infralint.rules.compose["database-data-not-persisted"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(svc, sprintf("%s service %q keeps its data in %s, which is not on a named volume or bind mount: it is lost when the container is recreated", [_title(svc), svc.name, dirs[0]])) if {
	some svc in compose.services
	dirs := compose.data_dirs(svc)
	not _covered(svc, dirs)
	not _anonymous(svc, dirs)
	not _pg18_old_mount(svc)
}

deny contains result.fail(v, sprintf("%s service %q keeps its data in an anonymous volume at %s: it is lost when the container is recreated; give the volume a name", [_title(svc), svc.name, v.target])) if {
	some svc in compose.services
	dirs := compose.data_dirs(svc)
	not _covered(svc, dirs)
	some v in svc.volumes
	_anonymous_at(v, dirs)
}

deny contains result.fail(v, sprintf("PostgreSQL %d keeps its data in %s, not in the volume at %s: mount /var/lib/postgresql instead", [major, dirs[0], v.target])) if {
	some svc in compose.services
	compose.database(svc) == "postgres"
	major := compose.postgres_major(svc)
	major >= 18
	dirs := compose.data_dirs(svc)
	not _covered(svc, dirs)
	some v in svc.volumes
	compose.persistent(v)
	v.target == "/var/lib/postgresql/data"
}

_title(svc) := compose.databases[compose.database(svc)].title

_covered(svc, dirs) if {
	some dir in dirs
	some v in svc.volumes
	compose.covers(v.target, dir)
	_keeps(v)
}

# A tmpfs (or a tmpfs: entry) on the data directory is a deliberate throw-away database.
_covered(svc, dirs) if {
	some dir in dirs
	some t in svc.tmpfs
	compose.covers(split(t, ":")[0], dir)
}

# Without a tag, postgres may be 17 (data in /var/lib/postgresql/data) or 18 and later:
# either mount will do.
_covered(svc, _) if {
	compose.database(svc) == "postgres"
	not svc.environment.PGDATA
	not compose.postgres_major(svc)
	some v in svc.volumes
	_keeps(v)
	v.target in {"/var/lib/postgresql", "/var/lib/postgresql/data"}
}

_keeps(v) if compose.persistent(v)

_keeps(v) if v.type == "tmpfs"

_anonymous(svc, dirs) if {
	some v in svc.volumes
	_anonymous_at(v, dirs)
}

_anonymous_at(v, dirs) if {
	v.type == "volume"
	not v.source
	some dir in dirs
	compose.covers(v.target, dir)
}

_pg18_old_mount(svc) if {
	compose.database(svc) == "postgres"
	compose.postgres_major(svc) >= 18
	some v in svc.volumes
	v.target == "/var/lib/postgresql/data"
}
