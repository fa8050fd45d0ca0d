# METADATA
# title: Do not turn off TLS certificate checks with environment variables
# description: |
#   An `ENV`, `ARG`, `export` or a `VAR=value` prefix of a command sets a variable that
#   makes a tool skip TLS certificate verification: `PYTHONHTTPSVERIFY=0`,
#   `NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`,
#   `GIT_SSL_NO_VERIFY` or `PIP_TRUSTED_HOST`.
#
#   Every download of the affected tool, in the build and, for `ENV`, in every
#   container started from the image, then accepts any certificate: anyone on the
#   network path can hand it different code or data. Install the CA certificates the
#   server needs instead (`ca-certificates`, or your company's CA with
#   `update-ca-certificates`), and point the tool at them (`NODE_EXTRA_CA_CERTS`,
#   `PIP_CERT`, `GIT_SSL_CAINFO`). Every stage is checked.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#env
#     description: Dockerfile reference, ENV
#   - ref: https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue
#     description: Node.js, NODE_TLS_REJECT_UNAUTHORIZED
# custom:
#   severity: warning
#   category: security
#   aliases: [CKV2_DOCKER_5, CKV2_DOCKER_6, CKV2_DOCKER_12, CKV2_DOCKER_14, CKV2_DOCKER_16]
package infralint.rules.dockerfile["tls-verification-disabled-env"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

_msg(key, v) := sprintf("%s=%s turns off TLS certificate verification", [key, v])

# ENV and ARG (an ARG default is in the environment of every RUN after it).
deny contains result.fail(i, _msg(p.key, p.unquoted_value)) if {
	some c in {"env", "arg"}
	some i in df.instructions_of[c]
	some p in i.pairs
	p.has_value
	count(p.key) in _name_lengths
	_disables(p.key, p.unquoted_value)
}

# X=1 cmd, env X=1 cmd
deny contains result.fail(cmd, _msg(k, v)) if {
	# by RUN: a command without assignments then costs less than a [run, cmd] pair
	some run in df.runs
	some cmd in run.commands
	some k, v in cmd.env
	count(k) in _name_lengths
	_disables(k, v)
}

# export X=1
deny contains result.fail(cmd, _msg(k, v)) if {
	some prog in {"export", "declare", "typeset"}
	some [_, cmd] in df.commands_of[prog]
	some a in cmd.args
	[k, v] := _split(a)
	count(k) in _name_lengths
	_disables(k, v)
}

_split(a) := [k, v] if {
	i := indexof(a, "=")
	i > 0
	k := substring(a, 0, i)
	v := substring(a, i + 1, -1)
}

# The names _disables knows are 16, 17, 21 or 28 characters long, in any case (upper
# and lower change no character count): a cheap test before its five bodies.
_name_lengths := {16, 17, 21, 28}

_disables(k, v) if {
	upper(k) == "PYTHONHTTPSVERIFY"
	v == "0"
}

_disables(k, v) if {
	k == "NODE_TLS_REJECT_UNAUTHORIZED"
	v == "0"
}

_disables(k, v) if {
	lower(k) == "npm_config_strict_ssl"
	lower(v) in {"false", "0", "no"}
}

_disables(k, v) if {
	k == "GIT_SSL_NO_VERIFY"
	not lower(v) in {"", "0", "false", "no", "off"}
}

_disables(k, v) if {
	k == "PIP_TRUSTED_HOST"
	v != ""
}
