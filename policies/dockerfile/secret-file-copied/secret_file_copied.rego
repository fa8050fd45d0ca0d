# METADATA
# title: Do not COPY secret files into the image
# description: |
#   A `COPY` or `ADD` of the shipped image copies a file that holds credentials from the
#   build context: a private SSH key (`id_rsa`, `id_ed25519`, ...), a private key or
#   keystore (`*.key`, `*-key.pem`, `*.p12`, `*.pfx`, `*.jks`), a package-manager or
#   Git credential file (`.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`,
#   `.docker/config.json`), cloud credentials (`.aws/credentials`, `credentials.json`,
#   a kubeconfig) or an environment file (`.env`, `.env.production`).
#
#   A copied file stays in its layer even if a later `RUN` deletes it, so anyone who can
#   pull the image can read it. Mount the secret only for the step that needs it:
#   `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` with
#   `docker build --secret id=npmrc,src=$HOME/.npmrc`, or `--mount=type=ssh` for SSH
#   keys. Only the final stage and the stages it is built `FROM` are checked; example
#   and template files (`.env.example`, `.env.sample`, `.env.template`) and public keys
#   are not reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/secrets/
#     description: Build secrets
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
#     description: Docker build best practices, ADD or COPY
# custom:
#   severity: error
#   category: security
#   aliases: []
package infralint.rules.dockerfile["secret-file-copied"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s copies %q, which holds %s, into the image: mount it with RUN --mount=type=secret", [upper(i.cmd), src, what])) if {
	some c in {"copy", "add"}
	some i in df.instructions_of[c]
	df.image_stage(i)
	not df.flag_value(i, "from")
	some src in _sources(i)
	what := _secret(lower(src))
}

# _sources are the unquoted sources: all words but the last (the destination).
_sources(i) := array.slice(ws, 0, count(ws) - 1) if {
	ws := df.words(i)
	count(i.heredocs) == 0
}

_base(p) := parts[count(parts) - 1] if parts := split(trim_right(p, "/"), "/")

_secret(p) := "a private SSH key" if regex.match(`^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$`, _base(p))

_secret(p) := "SSH keys" if {
	some part in split(trim_right(p, "/"), "/")
	part == ".ssh"
	not endswith(p, ".pub")
	not endswith(p, "known_hosts")
}

_secret(p) := "a private key" if regex.match(`(^|[._-])(private|priv|key)[._-]?(key)?\.pem$|^privkey.*\.pem$|\.key$`, _base(p))

_secret(p) := "a keystore" if regex.match(`\.(p12|pfx|jks|keystore)$`, _base(p))

_secret(p) := "registry or repository credentials" if _base(p) in {".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".dockercfg", ".htpasswd", ".pgpass", ".my.cnf"}

_secret(p) := "registry credentials" if endswith(p, ".docker/config.json")

_secret(p) := "cloud credentials" if endswith(p, ".aws/credentials")

_secret(p) := "cloud credentials" if _base(p) in {"credentials.json", "service-account.json", "service_account.json", "application_default_credentials.json", "client_secret.json"}

_secret(p) := "a kubeconfig" if _base(p) == "kubeconfig"

_secret(p) := "a kubeconfig" if endswith(p, ".kube/config")

_secret(p) := "environment secrets" if {
	b := _base(p)
	regex.match(`^\.env(\.[a-z0-9_-]+)?$`, b)
	not regex.match(`\.(example|sample|template|dist|defaults?|tmpl|tpl)$`, b)
}
