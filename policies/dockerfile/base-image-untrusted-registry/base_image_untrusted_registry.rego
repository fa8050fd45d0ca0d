# METADATA
# title: Pull images only from trusted registries
# description: |
#   A `FROM` or `COPY --from` pulls an image from a registry that is not in the
#   `registries` option.
#
#   Teams that mirror or vet their base images want every build to pull through the
#   registries they control, so that an image from elsewhere (a typo-squatted name on
#   Docker Hub, a personal registry) cannot slip in. List the allowed registries in the
#   `registries` option: a host (`ghcr.io`; `docker.io` is Docker Hub, also for names
#   without a registry such as `alpine`), a pattern (`*.dkr.ecr.eu-west-1.amazonaws.com`)
#   or a host with a path prefix (`ghcr.io/acme`). The rule is on by default but says
#   nothing until the option is set, so configuring the list is all it takes.
#   `scratch`, stages and references whose variables have no default are not checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image
#     description: Docker build best practices, choose the right base image
#   - ref: https://docs.docker.com/reference/dockerfile/#from
#     description: Dockerfile reference, FROM
# custom:
#   severity: warning
#   category: security
#   aliases: [DL3026]
#   options:
#     registries:
#       type: array
#       default: []
#       description: >-
#         Allowed registries: hosts (docker.io, ghcr.io), glob patterns
#         (*.azurecr.io) or host/path prefixes (ghcr.io/acme). Empty: the rule is silent.
package infralint.rules.dockerfile["base-image-untrusted-registry"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(s.base, sprintf("base image %q comes from %s, which is not a trusted registry", [s.base.raw, s.base.registry])) if {
	count(options.registries) > 0
	some s in input.stages
	_external(s.base)
	not _trusted(s.base)
}

deny contains result.fail(i, sprintf("COPY --from image %q comes from %s, which is not a trusted registry", [i.from_image.raw, i.from_image.registry])) if {
	count(options.registries) > 0
	some i in df.top_level_of.copy
	i.from_image
	not _trusted(i.from_image)
}

_external(base) if {
	not base.scratch
	not base.stage
	not base.invalid
	base.registry
}

_trusted(img) if {
	some r in options.registries
	_matches(lower(r), img)
}

_matches(r, img) if glob.match(r, ["."], img.registry)

_matches(r, img) if {
	contains(r, "/")
	ref := concat("/", [img.registry, img.repository])
	startswith(concat("", [ref, "/"]), concat("", [trim_right(r, "/"), "/"]))
}

# An entry without a registry part on Docker Hub: docker.io/library is "library".
_matches(r, img) if {
	r in {"hub.docker.com", "registry-1.docker.io", "index.docker.io"}
	img.registry == "docker.io"
}
