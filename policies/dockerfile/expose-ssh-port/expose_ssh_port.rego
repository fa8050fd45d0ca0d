# METADATA
# title: Do not expose the SSH port
# description: |
#   The shipped image exposes port 22, the SSH port.
#
#   An SSH server in a container is one more service to patch and one more way in, with
#   keys or passwords baked into the image; a container is reached with `docker exec`
#   (or `kubectl exec`) instead, and files are moved with volumes or `docker cp`. Remove
#   the SSH server and the `EXPOSE 22`. Only the final stage and the stages it is built
#   `FROM` are checked, and ranges that include 22 count too.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#expose
#     description: Dockerfile reference, EXPOSE
#   - ref: https://docs.docker.com/reference/cli/docker/container/exec/
#     description: docker container exec
# custom:
#   severity: warning
#   category: security
#   aliases: [DS-0004, DS004, CKV_DOCKER_1]
package infralint.rules.dockerfile["expose-ssh-port"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("EXPOSE %s opens the SSH port 22: use docker exec to reach a container", [word])) if {
	some i in df.instructions_of.expose
	df.image_stage(i)
	some arg in df.words(i)
	some word in split(arg, " ")
	_includes_22(split(word, "/"))
}

_includes_22(parts) if {
	not _udp(parts)
	parts[0] == "22"
}

_includes_22(parts) if {
	not _udp(parts)
	range := split(parts[0], "-")
	count(range) == 2
	regex.match(`^[0-9]+$`, range[0])
	regex.match(`^[0-9]+$`, range[1])
	to_number(range[0]) <= 22
	to_number(range[1]) >= 22
}

_udp(parts) if lower(parts[1]) != "tcp"
