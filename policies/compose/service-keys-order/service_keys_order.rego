# METADATA
# title: Write service attributes in a consistent order
# description: |
#   The attributes of a service are not in the order the rule's `order` option gives.
#
#   When every service lists what it runs first (image, build), then how it starts,
#   its environment, its connections and its storage, readers find each attribute in
#   the same place. Attributes missing from the option may be anywhere. The rule is off
#   by default.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/
#     description: Compose file reference, services
# custom:
#   severity: info
#   category: style
#   enabled: false
#   options:
#     order:
#       type: array
#       default: [extends, image, build, platform, pull_policy, container_name, hostname, profiles, depends_on, links, command, entrypoint, working_dir, user, environment, env_file, secrets, configs, ports, expose, networks, network_mode, volumes, volumes_from, tmpfs, devices, healthcheck, restart, deploy, labels, logging]
#       description: The attributes in the order they should be written.
package infralint.rules.compose["service-keys-order"]

import data.infralint.lib.result

deny contains result.fail(k, sprintf("%s of service %q should come before %s", [k.name, s.name, prev.name])) if {
	some f in input.files
	some s in f.services
	known := [key | some key in s.keys; _rank(key.name)]
	some i, k in known
	i > 0
	prev := known[i - 1]
	_rank(k.name) < _rank(prev.name)
}

_rank(name) := i if {
	some i, n in options.order
	n == name
}
