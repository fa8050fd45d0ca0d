# METADATA
# title: Write EXPOSE protocols in lower case
# description: |
#   An `EXPOSE` entry names its protocol in upper or mixed case, such as `80/TCP`.
#
#   The builder accepts it and lower-cases it, but the Dockerfile then disagrees with
#   what the image records and with every other tool's spelling. Write `tcp`, `udp` or
#   `sctp`.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/expose-proto-casing/
#     description: BuildKit build checks, ExposeProtoCasing
#   - ref: https://docs.docker.com/reference/dockerfile/#expose
#     description: Dockerfile reference, EXPOSE
# custom:
#   severity: info
#   category: style
#   aliases: [ExposeProtoCasing]
package infralint.rules.dockerfile["expose-proto-casing"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("protocol %q in EXPOSE %q should be lower case", [proto, raw])) if {
	some i in df.instructions_of.expose
	some arg in i.args
	some word in split(_unquote(arg), " ")
	raw := trim_space(word)
	not contains(raw, "$")
	parts := split(raw, "/")
	count(parts) == 2
	proto := parts[1]
	lower(proto) in {"tcp", "udp", "sctp"}
	proto != lower(proto)
}

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
