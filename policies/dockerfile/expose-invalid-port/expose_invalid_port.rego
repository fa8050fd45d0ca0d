# METADATA
# title: Expose valid container ports
# description: |
#   An `EXPOSE` entry is not a valid port: a number outside 1-65535, a malformed range, an
#   unknown protocol, or a host mapping such as `8080:80` or `127.0.0.1:80:80`.
#
#   `EXPOSE` only documents the ports the container listens on; it cannot publish a port
#   or choose a host address, and a malformed entry either fails the build or is
#   silently rewritten. Write `EXPOSE <port>[/<tcp|udp|sctp>]` or a range such as
#   `8000-8010/tcp`, and publish ports when the container is run (`docker run -p`,
#   Compose `ports:`). Entries with variables are not checked.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#expose
#     description: Dockerfile reference, EXPOSE
#   - ref: https://docs.docker.com/reference/build-checks/expose-invalid-format/
#     description: BuildKit build checks, ExposeInvalidFormat
# custom:
#   severity: error
#   category: reliability
#   aliases: [DL3011, DS-0008, DS008, ExposeInvalidFormat]
package infralint.rules.dockerfile["expose-invalid-port"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("exposed port %q maps a host port or address, which EXPOSE cannot do: publish it with docker run -p", [raw])) if {
	some [i, raw] in _entries
	contains(raw, ":")
}

deny contains result.fail(i, sprintf("exposed port %q has an unknown protocol %q (want tcp, udp or sctp)", [raw, proto])) if {
	some [i, raw] in _entries
	not contains(raw, ":")
	parts := split(raw, "/")
	count(parts) == 2
	proto := parts[1]
	proto != ""
	not lower(proto) in {"tcp", "udp", "sctp"}
}

deny contains result.fail(i, sprintf("exposed port %q is not a valid port or port range (1-65535)", [raw])) if {
	some [i, raw] in _entries
	not contains(raw, ":")
	parts := split(raw, "/")
	count(parts) <= 2
	not _valid_ports(parts[0])
}

# 80/tcp/udp, or 443/ with nothing after the slash.
deny contains result.fail(i, sprintf("exposed port %q is not a valid port or port range (1-65535)", [raw])) if {
	some [i, raw] in _entries
	not contains(raw, ":")
	_malformed_proto(split(raw, "/"))
}

_malformed_proto(parts) if count(parts) > 2

_malformed_proto(parts) if {
	count(parts) == 2
	parts[1] == ""
}

# _entries are the EXPOSE words that can be read without expanding variables.
_entries contains [i, raw] if {
	some i in df.instructions_of.expose
	some arg in i.args
	some word in split(_unquote(arg), " ")
	raw := trim_space(word)
	raw != ""
	not contains(raw, "$")
}

_valid_ports(p) if _valid_port(p)

_valid_ports(p) if {
	parts := split(p, "-")
	count(parts) == 2
	_valid_port(parts[0])
	_valid_port(parts[1])
	to_number(parts[0]) <= to_number(parts[1])
}

_valid_port(p) if {
	regex.match(`^[0-9]{1,5}$`, p)
	n := to_number(p)
	n >= 1
	n <= 65535
}

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
