# METADATA
# title: Keep package signature checks on
# description: |
#   A package-manager command installs packages without checking their signatures:
#   `apk --allow-untrusted`, `apt-get --allow-unauthenticated` (or `--force-yes`,
#   `--allow-insecure-repositories`, `-o APT::Get::AllowUnauthenticated=true`),
#   `yum`/`dnf --nogpgcheck` (or `--setopt=gpgcheck=0`), `zypper --no-gpg-checks`, or
#   `rpm --nosignature` / `--nodigest` / `--nofiledigest` / `--noverify`.
#
#   Signatures are what tie a package to its publisher: without the check, a mirror,
#   proxy or attacker on the network path can serve any package and it is installed
#   as root. Import the repository's signing key instead (`rpm --import`,
#   `/etc/apt/keyrings` with `signed-by=`, `/etc/apk/keys`) and keep the check on.
#   `apt-get --force-yes` is reported too: it also accepts unauthenticated packages,
#   and `-y` is what it was meant for. Every stage is checked. Installs whose packages
#   are all local files (`apk add --allow-untrusted /tmp/pkgs/*.apk`, packages built in
#   an earlier stage) are not reported: they have no signature to check, and nothing
#   crosses the network.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
#     description: Docker build best practices, apt-get
#   - ref: https://wiki.debian.org/SecureApt
#     description: Debian wiki, SecureApt
# custom:
#   severity: error
#   category: security
#   aliases: [CKV2_DOCKER_7, CKV2_DOCKER_8, CKV2_DOCKER_9, CKV2_DOCKER_10, CKV2_DOCKER_11]
package infralint.rules.dockerfile["package-signature-check-disabled"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, sprintf("%s %s installs packages without checking their signatures", [prog, a])) if {
	some prog in _programs
	some [_, cmd] in df.commands_of[prog]
	# an argument _candidate accepts is in the lower-cased command line: one test per
	# command before its arguments are looked at one by one
	regex.match(_candidate_pattern, lower(concat(" ", cmd.args)))
	some i, a in cmd.args
	_candidate(a)
	_bypass(prog, a, i, cmd.args)
	not _local_packages_only(prog, cmd)
}

# Packages built earlier in the build (COPY --from a stage, then `apk add
# --allow-untrusted /tmp/pkgs/x.apk`) have no signature to check: an install whose
# packages are all local files is not reported. A URL or a repository name is.
_local_packages_only(prog, cmd) if {
	prog in {"apk", "rpm", "dnf", "yum", "microdnf", "tdnf", "dnf5", "zypper"}
	ops := [a | some a in pkg.operands(cmd.args, _valued); not a in _subcommands]
	count(ops) > 0
	every a in ops {
		_local_file(a)
	}
}

_valued := (pkg.apk_valued | pkg.yum_valued) | pkg.zypper_valued

_subcommands := {"add", "install", "in", "localinstall", "reinstall", "upgrade", "update"}

_local_file(a) if regex.match(`^(/|\./|\.\./|\$)`, a)

_local_file(a) if {
	regex.match(`\.(apk|rpm)$`, a)
	not contains(a, "://")
}

# _candidate is a cheap first look at each word: a flag of interest, or an option that
# mentions a signature setting.
_candidate(a) if a in _flags

_candidate(a) if contains(lower(a), "gpgcheck")

_candidate(a) if contains(lower(a), "::allow")

_candidate_pattern := sprintf("gpgcheck|::allow|%s", [concat("|", _flags)])

_flags := {
	"--allow-untrusted", "--allow-unauthenticated", "--force-yes",
	"--allow-insecure-repositories", "--nogpgcheck", "--no-gpg-checks", "--no-gpg-check",
	"--nosignature", "--nodigest", "--nofiledigest", "--noverify",
}

_programs := {"apk", "apt-get", "apt", "aptitude", "zypper", "rpm"} | pkg.rpm_programs

_bypass("apk", "--allow-untrusted", _, _)

_bypass(prog, a, i, args) if {
	prog in {"apt-get", "apt", "aptitude"}
	_apt_bypass(a, i, args)
}

_bypass(prog, a, _, _) if {
	prog in pkg.rpm_programs
	_rpm_manager_bypass(a)
}

_bypass("zypper", a, _, _) if a in {"--no-gpg-checks", "--no-gpg-check"}

_bypass("rpm", a, _, _) if a in {"--nosignature", "--nodigest", "--nofiledigest", "--noverify"}

_apt_bypass(a, _, _) if a in {"--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"}

_apt_bypass(a, i, args) if {
	i > 0
	args[i - 1] in {"-o", "--option"}
	regex.match(`(?i)^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)=(1|true|yes)$`, a)
}

_apt_bypass(a, _, _) if regex.match(`(?i)^(-o|--option=)(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)=(1|true|yes)$`, a)

_rpm_manager_bypass(a) if a == "--nogpgcheck"

_rpm_manager_bypass(a) if regex.match(`(?i)^(--setopt=)?([^=]*\.)?(gpgcheck|repo_gpgcheck|localpkg_gpgcheck)=(0|false|no)$`, a)
