# METADATA
# title: Use pip install --no-cache-dir
# description: |
#   A `RUN` of the shipped image runs `pip install` without `--no-cache-dir`, so pip
#   keeps every downloaded and built wheel in its cache (`~/.cache/pip`).
#
#   The cache only helps the next `pip install` on the same machine; in an image it is
#   dead weight, often larger than the packages themselves, and a later `RUN` cannot take
#   it out of the layer. Pass `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1` in the
#   stage, or keep the cache out of the layer and reuse it across builds with
#   `--mount=type=cache,target=/root/.cache/pip`. Only the final stage and the stages it
#   is built `FROM` are checked.
# related_resources:
#   - ref: https://docs.docker.com/build/cache/optimize/#use-cache-mounts
#     description: Docker docs, use cache mounts
#   - ref: https://pip.pypa.io/en/stable/topics/caching/
#     description: pip documentation, caching
# custom:
#   severity: info
#   category: efficiency
#   aliases: [DL3042]
package infralint.rules.dockerfile["pip-no-cache-dir"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.packages as pkg
import data.infralint.lib.result

deny contains result.fail(cmd, "pip install without --no-cache-dir keeps its cache in the image") if {
	some [run, cmd] in pkg.pip_commands
	pkg.in_image(run)
	args := pkg.pip_install_args(cmd)
	not pkg.long_flag(args, "--no-cache-dir")
	not _cache_mounted(run)
	not _env_disables_cache(run)
	not _exported(run, cmd)
	not _prefixed(cmd)
}

# PIP_NO_CACHE_DIR=1 pip install ...
_prefixed(cmd) if {
	v := cmd.env.PIP_NO_CACHE_DIR
	not lower(v) in {"", "0", "false", "no", "off"}
}

_cache_mounted(run) if {
	some t in pkg.mount_targets(run)
	_pip_cache_dir(t)
}

_pip_cache_dir(t) if endswith(t, "/.cache/pip")

_pip_cache_dir(t) if endswith(t, "/.cache")

_pip_cache_dir(t) if t in {"~/.cache/pip", "~/.cache"}

# ENV PIP_NO_CACHE_DIR before the RUN, in its stage or a stage it is built FROM, or an
# ARG of its own stage (ARGs are not inherited).
_env_disables_cache(run) if {
	some s in input.stages
	s.index in pkg.stage_chain(run.stage)
	some i in s.instructions
	i < run.index
	instr := input.instructions[i]
	_sets_env(instr, s, run)
	some p in instr.pairs
	p.key == "PIP_NO_CACHE_DIR"
	_truthy(p)
}

_sets_env(instr, _, _) if instr.cmd == "env"

_sets_env(instr, s, run) if {
	instr.cmd == "arg"
	s.index == run.stage
}

_truthy(p) if {
	p.has_value
	not lower(p.value) in {"", "0", "false", "no", "off"}
}

# `export PIP_NO_CACHE_DIR=1` or `env PIP_NO_CACHE_DIR=1 pip ...` earlier in the RUN.
_exported(run, cmd) if {
	some c in run.commands
	c.index < cmd.index
	c.program in {"export", "env"}
	some a in c.args
	[k, v] := split(a, "=")
	k == "PIP_NO_CACHE_DIR"
	not lower(v) in {"", "0", "false", "no", "off"}
}
