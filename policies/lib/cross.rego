# METADATA
# description: |
#   Helpers over the cross-artifact input: one Compose service with a `build:` and the
#   Dockerfile stage it builds (see pkg/lint/cross.go for its shape). Pointers under
#   /services/… point into the Compose files, pointers under /dockerfile/… into the
#   Dockerfile; a finding on one side shows the other side as a related location.
package infralint.lib.cross

# service is the Compose service, as the Compose rules see it.
service := input.service

# dockerfile holds the facts of the stage the service builds.
dockerfile := input.dockerfile

# dockerfile_name names the Dockerfile in messages: its path, or "the inline Dockerfile"
# for `dockerfile_inline`.
dockerfile_name := "the inline Dockerfile" if input.dockerfile.inline

dockerfile_name := input.dockerfile.path if not input.dockerfile.inline

# build is the pointer of the service's build key: where findings about the pairing
# as a whole point.
build := sprintf("%s/build", [input.service.ptr])

# service_root is true when the service's `user:` names root or UID 0.
service_root if lower(split(input.service.user, ":")[0]) in {"root", "0"}

# container_ports are the container ports the service publishes or exposes, each with
# the element that names it: [port, protocol, node].
container_ports contains [p.target, p.protocol, p] if some p in input.service.ports

container_ports contains [to_number(parts[0]), _protocol(parts), {"ptr": sprintf("%s/expose/%d", [input.service.ptr, i])}] if {
	some i, e in input.service.expose
	parts := split(e, "/")
	regex.match(`^[0-9]+$`, parts[0])
}

_protocol(parts) := lower(parts[1]) if count(parts) > 1

_protocol(parts) := "tcp" if count(parts) == 1

# exposed is true when an EXPOSE of the Dockerfile covers port/protocol.
exposed(port, protocol) if {
	some e in input.dockerfile.expose
	e.protocol == protocol
	e.from <= port
	port <= e.to
}

# expose_known is true when every EXPOSE port can be read (none uses a build argument).
expose_known if {
	count(input.dockerfile.expose) > 0
	every e in input.dockerfile.expose {
		not e.variable
	}
}
