# METADATA
# title: Do not pass secrets with ARG or ENV
# description: |
#   An `ARG` or `ENV` of the shipped image has a name that says it holds a secret (a
#   password, token, API key, private key or credentials).
#
#   `ENV` values are stored in the image configuration, and build arguments are recorded
#   in the image history (`docker history`) of every `RUN` that follows them, so anyone
#   who can pull the image can read the secret. Mount secrets only for the `RUN` that
#   needs them, with `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ...` and
#   `docker build --secret id=npm_token,env=NPM_TOKEN`.
#
#   Only the final stage and the stages it is built `FROM` are checked: the `ARG` and
#   `ENV` of a builder stage do not reach the shipped image. Names are split into words at
#   `_`, `-`, `.` and camelCase humps, and a word must be a secret word (`password`,
#   `token`, `secret`, `api` `key`, ...), so `TOKENIZER` or `GPG_KEY` do not match. Names
#   that describe a secret rather than hold it are skipped: a last word such as `FILE`,
#   `PATH`, `DIR`, `URL`, `NAME`, `ID` or `LENGTH` (`PASSWORD_FILE`,
#   `PASSWORD_MIN_LENGTH`), a leading switch word (`REQUIRE_PASSWORD`, `NO_AUTH_TOKEN`), or
#   a name with `PUBLIC` in it. Values that are empty, absolute paths or booleans are
#   skipped too.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
#     description: BuildKit build checks, SecretsUsedInArgOrEnv
#   - ref: https://docs.docker.com/build/building/secrets/
#     description: Build secrets
# custom:
#   severity: warning
#   category: security
#   aliases: [DL3064, SecretsUsedInArgOrEnv, DS-0031, DS031]
package infralint.rules.dockerfile["secrets-in-arg-env"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, msg) if {
	some c in {"arg", "env"}
	some i in df.top_level_of[c]
	i.stage in _chain
	some p in i.pairs
	# each word _has_secret_word accepts holds one of these, and a word is part of the
	# lower-cased key: one test before _secret_name splits the key into words
	regex.match(`pass|secret|token|key|cred`, lower(p.key))
	_secret_name(p.key)
	not _harmless_value(p)
	msg := sprintf("secret-like %s %s is kept in the image metadata and history: mount it with RUN --mount=type=secret", [upper(i.cmd), p.key])
}

# _chain holds the indexes of the final stage and of the stages it is built FROM, whose
# configuration and history the shipped image carries.
_chain := df.final_chain

# _words splits a name at _, -, . and camelCase humps: dbPassword -> [db, password].
_words(key) := [w |
	some w in regex.split(`[_.\-]+`, lower(regex.replace(key, `([a-z0-9])([A-Z])`, "${1}_${2}")))
	w != ""
]

_secret_words := {
	"password", "passwd", "passphrase", "secret", "token", "apikey", "credential",
	"credentials", "creds", "privatekey", "accesskey", "secretkey", "authtoken",
}

# Words that are secrets only next to another: API_KEY, ACCESS_KEY, PRIVATE_KEY, ...
_key_qualifiers := {"api", "access", "private", "secret", "auth", "signing", "encryption", "master", "license", "account", "app"}

# Last words that say the variable describes a secret instead of holding it.
_descriptive := {
	"file", "files", "path", "dir", "directory", "url", "uri", "host", "hostname", "port",
	"name", "user", "username", "id", "length", "len", "min", "max", "size", "type",
	"mode", "method", "enabled", "enable", "disabled", "disable", "required", "policy",
	"rounds", "algorithm", "algo", "expiry", "expires", "expiration", "ttl", "timeout",
	"header", "prefix", "suffix", "env", "var", "field", "location", "endpoint",
	"version", "count", "days", "hash", "format", "store", "manager", "helper",
	"provider", "mount", "source", "ref", "arn", "limit", "lifetime", "age", "complexity",
	"strength", "validation", "reset", "command", "cmd", "script", "secrets", "dummy",
}

# Leading words of switches: REQUIRE_PASSWORD, NO_AUTH_TOKEN.
_switches := {"no", "disable", "disabled", "enable", "enabled", "use", "require", "allow", "skip", "ignore", "with", "without", "has", "is", "show"}

_secret_name(key) if {
	words := _words(key)
	_has_secret_word(words)
	not words[count(words) - 1] in _descriptive
	not words[0] in _switches
	not "public" in words
	not "pub" in words
}

_has_secret_word(words) if {
	some w in words
	w in _secret_words
}

# Run-together words: ROOTPASSWORD, DBPASSWD.
_has_secret_word(words) if {
	some w in words
	some suffix in ["password", "passwd"]
	endswith(w, suffix)
}

# PASS only as the last word: DB_PASS, SMTP_PASS.
_has_secret_word(words) if words[count(words) - 1] == "pass"

_has_secret_word(words) if {
	some n, w in words
	w == "key"
	n > 0
	words[n - 1] in _key_qualifiers
}

_harmless_value(p) if {
	p.has_value
	v := _unquote(p.value)
	_harmless(v)
}

_harmless("")

_harmless(v) if startswith(v, "/")

_harmless(v) if lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1"}

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
