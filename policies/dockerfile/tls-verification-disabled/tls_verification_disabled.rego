# METADATA
# title: Keep TLS certificate checks on for downloads
# description: |
#   A `RUN` command turns off TLS certificate verification: `curl -k`
#   (`--insecure`), `wget --no-check-certificate`, `pip --trusted-host`,
#   `npm`/`yarn`/`pnpm config set strict-ssl false`, `git -c http.sslVerify=false`
#   (or `git config http.sslVerify false`), `yum`/`dnf --setopt=sslverify=0`, or
#   `conda config --set ssl_verify false`.
#
#   Without the check, anyone on the network path between the build and the server
#   (a proxy, a compromised Wi-Fi, a hijacked DNS answer) can hand the build a
#   different file or package, which then runs in or ships with your image. Fix the
#   certificate problem instead: install the CA certificates the server needs
#   (`ca-certificates`, or your company's CA with `update-ca-certificates`) and point
#   the tool at them. Every stage is checked, since a builder stage's downloads end up
#   in what it builds.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
#     description: Docker build best practices, verifying downloads
#   - ref: https://curl.se/docs/sslcerts.html
#     description: curl, SSL certificate verification
# custom:
#   severity: warning
#   category: security
#   aliases: [CKV2_DOCKER_2, CKV2_DOCKER_3, CKV2_DOCKER_4, CKV2_DOCKER_13, CKV2_DOCKER_15]
package infralint.rules.dockerfile["tls-verification-disabled"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s turns off TLS certificate verification", [what])) if {
	some prog in _programs
	some [_, cmd] in df.commands_of[prog]
	what := _insecure(cmd)
}

deny contains result.fail(cmd, sprintf("%s turns off TLS certificate verification", [what])) if {
	some [_, cmd] in pkg.pip_commands
	what := _insecure(cmd)
}

_programs := {"curl", "wget", "npm", "yarn", "pnpm", "git", "conda", "mamba", "micromamba"} | pkg.rpm_programs

_insecure(cmd) := "curl -k" if {
	cmd.program == "curl"
	pkg.short_flag(cmd.args, "k")
}

_insecure(cmd) := "curl --insecure" if {
	cmd.program == "curl"
	"--insecure" in cmd.args
}

_insecure(cmd) := "wget --no-check-certificate" if {
	cmd.program == "wget"
	"--no-check-certificate" in cmd.args
}

_insecure(cmd) := "pip --trusted-host" if {
	pkg.pip_args(cmd)
	pkg.long_flag(cmd.args, "--trusted-host")
}

_insecure(cmd) := "pip config set global.trusted-host" if {
	args := pkg.pip_args(cmd)
	some a in args
	endswith(a, ".trusted-host")
	"config" in args
}

# npm config set strict-ssl false, npm set strict-ssl=false, yarn config set strict-ssl false
_insecure(cmd) := sprintf("%s strict-ssl false", [cmd.program]) if {
	cmd.program in {"npm", "yarn", "pnpm"}
	some i, a in cmd.args
	_strict_ssl_off(a, _next(cmd.args, i))
}

_strict_ssl_off(a, _) if lower(a) in {"strict-ssl=false", "--strict-ssl=false", "--no-strict-ssl"}

_strict_ssl_off(a, next) if {
	lower(a) in {"strict-ssl", "--strict-ssl"}
	lower(next) == "false"
}

# git -c http.sslVerify=false ..., git config --global http.sslVerify false
_insecure(cmd) := "git http.sslVerify false" if {
	cmd.program == "git"
	some i, a in cmd.args
	_ssl_verify_off(lower(a), lower(_next(cmd.args, i)))
}

_ssl_verify_off(a, _) if regex.match(`^http\.([^=]*\.)?sslverify=(false|0|no|off)$`, a)

_ssl_verify_off(a, next) if {
	regex.match(`^http\.([^=]*\.)?sslverify$`, a)
	next in {"false", "0", "no", "off"}
}

_insecure(cmd) := sprintf("%s sslverify=0", [cmd.program]) if {
	cmd.program in pkg.rpm_programs
	some a in cmd.args
	regex.match(`(?i)^(--setopt=)?([^=]*\.)?sslverify=(0|false|no|off)$`, a)
}

_insecure(cmd) := "conda ssl_verify false" if {
	cmd.program in {"conda", "mamba", "micromamba"}
	some i, a in cmd.args
	a == "ssl_verify"
	lower(_next(cmd.args, i)) in {"false", "0", "no"}
}

_next(args, i) := args[i + 1] if i + 1 < count(args)

else := ""
