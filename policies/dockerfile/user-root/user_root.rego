# METADATA
# title: Run the final image as a non-root user
# description: |
#   The final image runs as root, either because no `USER` instruction sets another user
#   or because the last one names `root` or UID 0.
#
#   A process running as root in a container has every capability the runtime grants,
#   can write anywhere in the image and owns the files it creates on mounted volumes, so
#   an exploited bug or a container escape goes further. Create an unprivileged user and
#   end the final stage with `USER <name or uid>`; a numeric UID (`USER 65532:65532`)
#   works even in an image `FROM scratch`, which has no `/etc/passwd`, so scratch images
#   are reported too, unless they have no `CMD` or `ENTRYPOINT`: such a stage only
#   carries files to export with `docker build --output`, and never runs.
#
#   Only the final stage is checked, together with the stages it is built `FROM` (their
#   `USER` carries over). Builder stages are never reported: only files leave them. A
#   `USER` whose value is a variable cannot be judged and is trusted. Images known to
#   default to a non-root user (distroless `nonroot` tags, .NET's chiseled and
#   distroless images, and the names in the `non_root_images` option: Chainguard,
#   Bitnami, Jupyter and Elastic images by default), Windows images, base images whose
#   reference cannot be read (an `ARG` without a default) and dev containers
#   (`.devcontainer/Dockerfile`, whose user `devcontainer.json` chooses) are not
#   reported when they have no `USER`.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: Docker build best practices, USER
#   - ref: https://docs.docker.com/reference/dockerfile/#user
#     description: Dockerfile reference, USER
# custom:
#   severity: warning
#   category: security
#   aliases: [DL3002, DS-0002, DS002, CKV_DOCKER_8, CKV_DOCKER_3]
#   options:
#     non_root_images:
#       type: array
#       default:
#         - nginxinc/nginx-unprivileged
#         - cgr.dev/chainguard/*
#         - bitnami/*
#         - quay.io/jupyter/*
#         - jupyter/*
#         - docker.elastic.co/elasticsearch/*
#         - docker.elastic.co/kibana/*
#         - docker.elastic.co/logstash/*
#       description: >-
#         Base images (familiar names such as `ghcr.io/acme/base`; `*` matches any
#         characters) whose default user is not root, so that a final stage built on them
#         needs no USER of its own.
package infralint.rules.dockerfile["user-root"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

# The last USER of the image chain names root.
deny contains result.fail(user, sprintf("the final image runs as root (USER %s)", [df.words(user)[0]])) if {
	some user in _last_user
	not contains(df.words(user)[0], "$")
	_root(df.words(user)[0])
}

# No USER anywhere in the image chain.
deny contains result.fail(df.final_stage, "the final image runs as root: no USER instruction sets a non-root user") if {
	count(_users) == 0
	df.final_stage.os != "windows"
	_known(_root_base)
	not _non_root_base(_root_base)
	not _export_only
	not _dev_container
}

# A base image whose reference cannot be read (an ARG without a default, a template
# placeholder) may be any image, with any default user: it cannot be judged.
_known(base) if base.scratch

_known(base) if {
	base.repository
	not base.invalid
}

# A dev container (.devcontainer/Dockerfile) is a development environment, not a
# shipped image; its user is chosen in devcontainer.json (remoteUser).
_dev_container if contains(concat("", ["/", input.path]), "/.devcontainer/")

# _chain holds the indexes of the final stage and of the stages it is built FROM.
_chain := df.final_chain

# _root_base is the base image the chain starts from (an image, scratch or unreadable).
_root_base := s.base if {
	some i in _chain
	s := input.stages[i]
	not s.base.stage
}

_users contains i if {
	some i in df.top_level_of.user
	i.stage in _chain
}

# _last_user is the USER that takes effect: parent stages come earlier in the file, so
# it is the one with the highest index.
_last_user contains u if {
	some u in _users
	u.index == max({x.index | some x in _users})
}

_root(v) if split(v, ":")[0] in {"root", "0"}

# _export_only: a chain FROM scratch with no CMD or ENTRYPOINT has nothing to run; it is
# a stage whose files are exported (docker build --output), not an image to start.
_export_only if {
	_root_base.scratch
	not _runs_something
}

_runs_something if {
	some c in {"cmd", "entrypoint"}
	some i in df.top_level_of[c]
	i.stage in _chain
}

_non_root_base(base) if contains(base.tag, "nonroot")

# .NET's chiseled and distroless images run as their non-root app user.
_non_root_base(base) if {
	startswith(base.name, "mcr.microsoft.com/dotnet/")
	regex.match(`chiseled|distroless`, base.tag)
}

_non_root_base(base) if {
	some pattern in options.non_root_images
	glob.match(pattern, null, base.name)
}
