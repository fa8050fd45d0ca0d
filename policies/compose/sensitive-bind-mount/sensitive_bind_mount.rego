# METADATA
# title: Do not mount sensitive host directories
# description: |
#   The service bind-mounts a host directory that holds the host's system or its
#   secrets: `/`, `/etc`, `/root`, `/boot`, `/proc`, `/sys`, `/dev`, `/usr`, `/lib`,
#   `/bin`, `/sbin`, `/var/lib/docker`, `/var/lib/kubelet`, `/run` or `/var/run`, or a
#   user's `~/.ssh`, `~/.aws`, `~/.kube`, `~/.docker`, `~/.gnupg` or cloud credentials.
#
#   A compromised container can read the host's passwords, keys and tokens from there,
#   and, when the mount is writable, change the host itself. Mount only the files the
#   service needs, read-only, or hand secrets over with `secrets:`. The host's time zone
#   files (`/etc/localtime`, `/etc/timezone`) and CA certificates are not reported.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/bind-mounts/
#     description: Docker storage, bind mounts
#   - ref: https://docs.docker.com/reference/compose-file/services/#volumes
#     description: Compose file reference, volumes
# custom:
#   severity: warning
#   category: security
#   aliases: [1c1325ff-831d-43a1-973e-839ae57dfcc0]
package infralint.rules.compose["sensitive-bind-mount"]

import data.infralint.lib.compose
import data.infralint.lib.result

deny contains result.fail(v, sprintf("service %q mounts the host's %s", [svc.name, v.source])) if {
	some svc in compose.services
	some v in svc.volumes
	v.type == "bind"
	_sensitive(_clean(v.source))
	not _harmless(_clean(v.source))
}

_clean(p) := "/" if p == "/"

_clean(p) := trim_suffix(p, "/") if p != "/"

# Directories sensitive in full and below.
_roots := {
	"/etc", "/root", "/boot", "/proc", "/sys", "/dev", "/usr", "/lib", "/lib64", "/bin", "/sbin",
	"/var/lib/docker", "/var/lib/kubelet", "/var/lib/containerd", "/var/run/secrets", "/run/secrets",
	"~/.ssh", "~/.aws", "~/.kube", "~/.docker", "~/.gnupg", "~/.config/gcloud", "~/.azure",
	"$HOME/.ssh", "$HOME/.aws", "$HOME/.kube", "$HOME/.docker", "$HOME/.gnupg",
}

# Directories sensitive only as a whole: their contents are mounted for good reasons.
_whole := {"/", "/run", "/var/run", "/var", "/home", "~", "$HOME"}

_sensitive(p) if p in _whole

_sensitive(p) if p in _roots

_sensitive(p) if {
	some r in _roots
	startswith(p, concat("", [r, "/"]))
}

# The Docker socket has its own rule.
_harmless(p) if endswith(p, "/docker.sock")

_harmless(p) if p in {"/etc/localtime", "/etc/timezone", "/etc/ssl/certs", "/etc/ca-certificates", "/etc/pki/ca-trust", "/usr/share/zoneinfo", "/etc/machine-id", "/dev/shm", "/etc/hostname"}

_harmless(p) if startswith(p, "/usr/share/zoneinfo/")

_harmless(p) if startswith(p, "/etc/ssl/certs/")

# Devices are mounted on purpose (GPUs, serial ports): the devices attribute is their place.
_harmless(p) if {
	startswith(p, "/dev/")
	p != "/dev"
}
