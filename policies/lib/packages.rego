# METADATA
# description: |
#   Helpers for package-manager commands of a RUN (apt-get, apt, apk, pip, npm, yarn,
#   pnpm, gem): the program of a command, its operands with the values of flags skipped,
#   the packages of an install subcommand, and version-pin detection per manager. The
#   commands are the ones of data.infralint.lib.dockerfile.commands.
package infralint.lib.packages

import data.infralint.lib.dockerfile as df

# program is the command's name without its directory: apt-get for /usr/bin/apt-get
# (the parser's cmd.program; computed from cmd.name for objects built in a policy).
program(cmd) := cmd.program

program(cmd) := name if {
	not cmd.program
	parts := split(cmd.name, "/")
	name := parts[count(parts) - 1]
}

# operand_indexes returns the indexes of the words of args that are not flags, skipping
# the value that follows each flag named in `valued` (`-o X`, `--target-release X`; the
# `--flag=X` form is a single word and needs no skipping). Every word after `--` is an
# operand.
#
# The words before `--` and after it are taken apart (array.slice), and a flag's value
# is found by the word before it, so that the loop over the words makes no call: a call
# per word, to a function of two definitions, cost twice as many steps.
operand_indexes(args, valued) := array.concat(before, after) if {
	dd := _double_dash(args)

	# prev[i] is the word before args[i] ("" before the first one)
	prev := array.concat([""], args)
	before := [i |
		some i, a in array.slice(args, 0, dd)
		not startswith(a, "-")
		not prev[i] in valued
	]
	after := [k | some j, _ in array.slice(args, dd + 1, count(args)); k := (dd + 1) + j]
}

# operands returns the words at operand_indexes.
operands(args, valued) := [args[i] | some i in operand_indexes(args, valued)]

# arg_ptr points a finding at the k-th argument of a command (a package name), which
# the parser locates when it knows the argument's position, and otherwise falls back
# to the command.
arg_ptr(cmd, k) := sprintf("%s/args/%d", [cmd.ptr, k])

# _double_dash is the index of the first `--` of args, or count(args) when there is none.
_double_dash(args) := min({j | some j, a in args; a == "--"}) if "--" in args

else := count(args)

_after_double_dash(args, i) if i > _double_dash(args)

# short_flag is true when a word of args is a group of single-letter flags (-y, -qy,
# -qqy) holding `letter`. Words like -oFoo=bar, which attach a value, are not groups.
short_flag(args, letter) if {
	some a in args
	regex.match(`^-[A-Za-z0-9]+$`, a)
	contains(substring(a, 1, -1), letter)
}

# long_flag is true when args hold --name or --name=value. Built-ins test every word at
# once: a loop over the words cost a call per word, for each flag a rule asks about.
long_flag(args, name) if name in args

long_flag(args, name) if strings.any_prefix_match(args, concat("", [name, "="]))

# dynamic is true for a word the shell expands at run time ($VAR, $(cmd), `cmd`), whose
# value a rule cannot judge.
dynamic(word) if contains(word, "$")

dynamic(word) if contains(word, "`")

# ---------------------------------------------------------------------------------------
# apt-get and apt

# apt_valued are the apt-get / apt flags that take their value as the next word.
apt_valued := {
	"-o", "--option", "-c", "--config-file", "-t", "--target-release",
	"--default-release", "--solver", "--planner", "--with-source", "-a",
	"--host-architecture", "-P", "--build-profiles", "-e", "--error-on", "--format",
}

# apt_operands are the words of an apt-get or apt command that are not flags: the
# subcommand first, then its operands (package names for install).
apt_operands(cmd) := [cmd.args[i] | some i in apt_operand_indexes(cmd)]

# apt_subcommand is install in `apt-get -o X=Y -y install curl` (the word at the first
# operand index, without building the list of every operand). Rules ask for it of the
# same commands again and again: it is looked up in a table made once per document
# (see "Operands computed once per command"), and a command not in it is parsed on the
# spot (a helper, as the else is charged on every call).
apt_subcommand(cmd) := s if s := _apt_subcommands[cmd.ptr]

else := _apt_subcommand(cmd)

_apt_subcommand(cmd) := cmd.args[apt_operand_indexes(cmd)[0]]

# apt_package_indexes are the indexes in cmd.args of the operands after the subcommand.
apt_package_indexes(cmd) := array.slice(idx, 1, count(idx)) if {
	idx := apt_operand_indexes(cmd)
}

# apt_packages are the operands after the subcommand.
apt_packages(cmd) := [cmd.args[k] | some k in apt_package_indexes(cmd)]

# apt_package_name is the name part of an apt-get install operand: curl for
# curl=7.88.1-10, curl:amd64 or curl/bookworm-backports.
apt_package_name(p) := lower(name) if {
	base := split(p, "=")[0]
	no_release := split(base, "/")[0]
	name := split(no_release, ":")[0]
}

# apt_pinned is true for an operand that names a version: curl=7.88.1-10, curl=7.*.
apt_pinned(p) if {
	parts := split(p, "=")
	count(parts) > 1
	parts[1] != ""
}

# apt_judgeable is true for an operand that is a plain package name or name=version,
# not a .deb file, a path, a pattern, an expansion or a removal (`curl-`).
apt_judgeable(p) if {
	not dynamic(p)
	not contains(p, "/")
	not endswith(p, ".deb")
	not endswith(p, "-")
	not endswith(p, "+")
	not regex.match(`[*?~^\[\]()!]`, p)
	regex.match(`^[A-Za-z0-9]`, p)
}

# ---------------------------------------------------------------------------------------
# apk

apk_valued := {
	"-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "-t", "--virtual",
	"--keys-dir", "--repositories-file", "--timeout", "--cache-max-age",
}

apk_operands(cmd) := [cmd.args[i] | some i in apk_operand_indexes(cmd)]

apk_subcommand(cmd) := cmd.args[apk_operand_indexes(cmd)[0]]

# ---------------------------------------------------------------------------------------
# pip

# pip_offset is where the pip arguments of a command start in cmd.args: 0 for pip,
# pip3 and pip3.12, after `-m pip` for python, python3 and python3.12.
pip_offset(cmd) := 0 if regex.match(`^pip(\d+(\.\d+)?)?$`, cmd.program)

pip_offset(cmd) := i + 2 if {
	regex.match(`^python(\d+(\.\d+)?)?$`, cmd.program)
	some i
	cmd.args[i] == "-m"
	cmd.args[i + 1] == "pip"

	# Every word before -m is an interpreter flag; any other word is a script, and -m
	# one of its arguments.
	count(operands(array.slice(cmd.args, 0, i), {"-W", "-X"})) == 0
}

# pip_args are the pip arguments of a pip command.
pip_args(cmd) := array.slice(cmd.args, o, count(cmd.args)) if o := pip_offset(cmd)

pip_valued := {
	"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
	"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--prefix", "--root",
	"--src", "--platform", "--python-version", "--implementation", "--abi",
	"--upgrade-strategy", "--progress-bar", "--trusted-host", "--cache-dir", "--log",
	"--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert",
	"--global-option", "--install-option", "-C", "--config-settings", "--no-binary",
	"--only-binary", "--report", "--root-user-action", "--python", "--keyring-provider",
	"--use-feature", "--use-deprecated", "--resume-retries", "--group",
	"--build-constraint", "--log-file", "--local-log",
}

# pip_install_args are the pip arguments of a `pip install`.
pip_install_args(cmd) := args if {
	args := pip_args(cmd)
	ops := operands(args, pip_valued)
	ops[0] == "install"
}

# pip_package_indexes are the indexes in cmd.args of the requirements of a `pip install`.
pip_package_indexes(cmd) := [k |
	some j in array.slice(idx, 1, count(idx))
	k := offset + j
] if {
	offset := pip_offset(cmd)
	idx := operand_indexes(pip_install_args(cmd), pip_valued)
}

# pip_packages are the requirement operands of a `pip install`.
pip_packages(cmd) := [cmd.args[k] | some k in pip_package_indexes(cmd)]

# pip_pinned is true for a requirement with an exact or compatible-release version:
# flask==3.0.2, flask[async]===3.0.2, flask~=3.0.
pip_pinned(p) if regex.match(`(==|~=)`, p)

# pip_judgeable is true for a requirement naming a package of an index, not a local
# path, an archive, a URL, a direct reference (name @ url) or an expansion.
pip_judgeable(p) if {
	not dynamic(p)
	not contains(p, "/")
	not contains(p, "@")
	not contains(p, ":")
	not regex.match(`\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar)$`, lower(p))
	regex.match(`^[A-Za-z0-9]`, p)
}

# ---------------------------------------------------------------------------------------
# npm, yarn, pnpm

npm_valued := {
	"--registry", "--prefix", "--tag", "-w", "--workspace", "--omit", "--include",
	"--cache", "--userconfig", "--globalconfig", "--loglevel", "--install-strategy",
	"--before", "--cpu", "--os", "--libc", "--auth-type", "--otp", "--scope",
	"--script-shell", "--location", "--fetch-retries", "--fetch-timeout", "-C",
	"--cwd", "--modules-folder", "--filter", "--network-timeout", "--mutex",
}

# npm_install_subcommands are npm install and its aliases.
npm_install_subcommands := {
	"install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta",
	"isntal", "isntall",
}

# node_package_indexes are the indexes in cmd.args of the package specs a node package
# manager is asked to add: npm install/i/add, yarn add, yarn global add, pnpm add. It is
# undefined for other commands.
node_package_indexes(cmd) := array.slice(idx, 1, count(idx)) if {
	cmd.program == "npm"
	idx := operand_indexes(cmd.args, npm_valued)
	cmd.args[idx[0]] in npm_install_subcommands
}

node_package_indexes(cmd) := array.slice(idx, 1, count(idx)) if {
	cmd.program in {"yarn", "pnpm"}
	idx := operand_indexes(cmd.args, npm_valued)
	cmd.args[idx[0]] == "add"
}

node_package_indexes(cmd) := array.slice(idx, 2, count(idx)) if {
	cmd.program == "yarn"
	idx := operand_indexes(cmd.args, npm_valued)
	cmd.args[idx[0]] == "global"
	cmd.args[idx[1]] == "add"
}

# node_packages are the package specs at node_package_indexes.
node_packages(cmd) := [cmd.args[k] | some k in node_package_indexes(cmd)]

# node_judgeable is true for a registry package spec (name, name@version, @scope/name,
# @scope/name@version), not a path, a tarball, a URL, a git or GitHub spec, an alias
# (name@npm:other) or an expansion.
node_judgeable(p) if {
	not dynamic(p)
	not contains(p, ":")
	not regex.match(`^[.~/]`, p)
	not regex.match(`\.(tgz|tar\.gz|tar)$`, lower(p))
	regex.match(`^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9_][a-z0-9._~-]*(@.*)?$`, lower(p))
}

# node_version is the version part of a registry spec: 1.2.3 for @scope/name@1.2.3.
node_version(p) := v if {
	rest := trim_prefix(p, "@")
	parts := split(rest, "@")
	count(parts) == 2
	v := parts[1]
}

# node_pinned is true for a spec with a version or range other than a floating tag.
node_pinned(p) if {
	v := node_version(p)
	v != ""
	not lower(v) in {"latest", "next", "*", "x"}
}

# ---------------------------------------------------------------------------------------
# gem

gem_valued := {
	"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--document", "-s",
	"--source", "-p", "--http-proxy", "-P", "--trust-policy", "--platform", "-g",
	"--file", "--build-root", "--target-rbconfig", "--config-file",
}

# gem_package_indexes are the indexes in cmd.args of the gem operands of a `gem install`.
# Words after `--` are build options for the gems' extensions, not gems.
gem_package_indexes(cmd) := [k |
	some k in array.slice(idx, 1, count(idx))
	not _after_double_dash(cmd.args, k)
] if {
	cmd.program == "gem"
	idx := operand_indexes(cmd.args, gem_valued)
	cmd.args[idx[0]] == "install"
}

# gem_packages are the gem operands of a `gem install`.
gem_packages(cmd) := [cmd.args[k] | some k in gem_package_indexes(cmd)]

# gem_version_flag is true when a -v/--version flag pins every gem of the command.
gem_version_flag(cmd) if {
	some a in cmd.args
	a in {"-v", "--version"}
}

gem_version_flag(cmd) if long_flag(cmd.args, "--version")

gem_version_flag(cmd) if {
	some a in cmd.args
	regex.match(`^-v.+`, a)
}

# gem_pinned is true for name:version.
gem_pinned(p) if {
	parts := split(p, ":")
	count(parts) == 2
	parts[1] != ""
}

# gem_judgeable is true for a gem name, not a local .gem file, a path or an expansion.
gem_judgeable(p) if {
	not dynamic(p)
	not contains(p, "/")
	not endswith(lower(p), ".gem")
	regex.match(`^[A-Za-z0-9]`, p)
}

# ---------------------------------------------------------------------------------------
# Stages whose files are layers of the shipped image

# image_stages are the indexes of the final stage and of the stages it is built FROM,
# directly or through other stages: the stages whose layers the shipped image is made
# of. Stages that only feed it through COPY --from are not among them, so a cache they
# leave behind never reaches the image.
# (The parser computes it: stage.in_image.)
image_stages := {s.index | some s in input.stages; s.in_image}

# stage_chain is the set of stage i and the stages it is built FROM, directly or through
# other stages: the stages whose ENV and files stage i starts from (stage.chain).
stage_chain(i) := {j | some j in input.stages[i].chain}

# in_image is true when instruction i runs in one of the image_stages.
in_image(i) if input.stages[i.stage].in_image

# mount_targets are the normalised targets of a RUN's cache and tmpfs mounts, whose
# contents never become part of a layer.
mount_targets(run) := {_trim_slash(m.target) |
	some m in run.mounts
	m.type in {"cache", "tmpfs"}
	m.target
}

_trim_slash(p) := p if p == "/"

_trim_slash(p) := trim_right(p, "/") if p != "/"

# removes is true when cmd is an `rm` whose operands remove the directory `dir` or
# its contents (dir, dir/, dir/*, dir/something).
removes(cmd, dir) if {
	cmd.program == "rm"
	some a in operands(cmd.args, set())
	_under(a, dir)
}

_under(a, dir) if _trim_slash(a) == dir

_under(a, dir) if startswith(a, concat("", [dir, "/"]))

# ---------------------------------------------------------------------------------------
# Package managers of the RPM family: yum, dnf (dnf5, tdnf, microdnf) and zypper

# yum_programs and dnf_programs are the front ends that take yum's and dnf's options.
yum_programs := {"yum"}

dnf_programs := {"dnf", "dnf5", "dnf-3", "tdnf"}

microdnf_programs := {"microdnf"}

# yum_valued are the yum / dnf / microdnf options that take their value as the next word.
yum_valued := {
	"-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "--installroot",
	"--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--setopt",
	"--repo", "--repoid", "--forcearch", "--color", "--destdir", "--downloaddir",
	"--rpmverbosity", "--disableplugin", "--enableplugin", "--comment", "--advisory",
	"--advisories", "--bz", "--bzs", "--cve", "--cves", "--sec-severity", "--secseverity",
	"--repofrompath", "--noplugins-except", "--use-host-config",
}

# rpm_operands are the words of a yum, dnf or microdnf command that are not options:
# the subcommand first (install), then its operands.
rpm_operands(cmd) := [cmd.args[i] | some i in rpm_operand_indexes(cmd)]

rpm_subcommand(cmd) := cmd.args[rpm_operand_indexes(cmd)[0]]

# rpm_package_indexes are the indexes in cmd.args of the packages of an install-like
# subcommand (install, localinstall, reinstall, groupinstall; `group install` and
# `module install` skip their second word).
rpm_package_indexes(cmd) := array.slice(idx, 1, count(idx)) if {
	idx := rpm_operand_indexes(cmd)
	cmd.args[idx[0]] in {"install", "in", "localinstall", "reinstall", "groupinstall"}
}

rpm_package_indexes(cmd) := array.slice(idx, 2, count(idx)) if {
	idx := rpm_operand_indexes(cmd)
	cmd.args[idx[0]] in {"group", "groups", "module"}
	cmd.args[idx[1]] == "install"
}

rpm_packages(cmd) := [cmd.args[k] | some k in rpm_package_indexes(cmd)]

# rpm_pinned is true for a package operand that names a version: curl-7.76.1,
# curl-7.76.1-29.el9, curl = 7.76 forms (curl=7.76, curl>=7), or an .rpm file.
rpm_pinned(p) if regex.match(`-[0-9]`, p)

rpm_pinned(p) if regex.match(`[=<>]`, p)

rpm_pinned(p) if endswith(lower(p), ".rpm")

# A module stream (nodejs:20) or an epoch.
rpm_pinned(p) if contains(p, ":")

# rpm_groups is true for a command that installs groups (groupinstall, group install),
# which have no versions.
rpm_groups(cmd) if rpm_subcommand(cmd) == "groupinstall"

rpm_groups(cmd) if rpm_subcommand(cmd) in {"group", "groups"}

# zypper_non_packages is true for a zypper install of another kind of resolvable
# (-t pattern, -t patch, -t product), which has no versions to pin.
zypper_non_packages(cmd) if {
	some i, a in cmd.args
	a in {"-t", "--type"}
	cmd.args[i + 1] != "package"
}

zypper_non_packages(cmd) if {
	some a in cmd.args
	startswith(a, "--type=")
	a != "--type=package"
}

# rpm_judgeable is true for a plain package name: not a path, a URL, a group (@name), a
# capability (/usr/bin/x, perl(Foo)), a pattern or an expansion.
rpm_judgeable(p) if {
	not dynamic(p)
	not contains(p, "/")
	not regex.match(`[*?\[\]()]`, p)
	regex.match(`^[A-Za-z0-9]`, p)
}

# zypper_valued are the zypper options that take their value as the next word.
zypper_valued := {
	"-c", "--config", "-R", "--root", "-D", "--reposd-dir", "-C", "--cache-dir",
	"--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-r", "--repo", "-p",
	"--plus-repo", "-t", "--type", "--from", "--installroot", "--releasever",
	"--userdata", "--plus-content", "--disable-repositories-except",
}

zypper_operands(cmd) := [cmd.args[i] | some i in zypper_operand_indexes(cmd)]

zypper_subcommand(cmd) := cmd.args[zypper_operand_indexes(cmd)[0]]

# zypper_package_indexes are the indexes in cmd.args of the packages of zypper
# install (in).
zypper_package_indexes(cmd) := array.slice(idx, 1, count(idx)) if {
	idx := zypper_operand_indexes(cmd)
	cmd.args[idx[0]] in {"install", "in"}
}

# ---------------------------------------------------------------------------------------
# apk packages

# apk_package_indexes are the indexes in cmd.args of the packages of `apk add`.
apk_package_indexes(cmd) := array.slice(idx, 1, count(idx)) if {
	cmd.program == "apk"
	idx := apk_operand_indexes(cmd)
	cmd.args[idx[0]] == "add"
}

# apk_pinned is true for name=1.2.3-r0, name~1.2, name>1.2, name<2 and the like.
apk_pinned(p) if regex.match(`[=<>~]`, p)

# apk_judgeable is true for a package name: not a path, a local .apk, a virtual
# package's name or an expansion.
apk_judgeable(p) if {
	not dynamic(p)
	not contains(p, "/")
	not endswith(lower(p), ".apk")
	regex.match(`^[A-Za-z0-9]`, p)
}

# ---------------------------------------------------------------------------------------
# Package installs of any manager, for rules about what an image contains

# installed returns [k, name] for each package an install command names (k is its index
# in cmd.args, name is lower case without a version), for apt-get/apt, apk,
# yum/dnf/microdnf and zypper. It is undefined for other commands.
installed(cmd) := [[k, apt_package_name(cmd.args[k])] | some k in idx] if {
	cmd.program in {"apt-get", "apt"}
	apt_subcommand(cmd) == "install"
	idx := apt_package_indexes(cmd)
}

installed(cmd) := [[k, lower(regex.replace(cmd.args[k], `[=<>~].*$`, ""))] | some k in idx] if {
	idx := apk_package_indexes(cmd)
}

installed(cmd) := [[k, lower(regex.replace(cmd.args[k], `[=<>].*$`, ""))] | some k in idx] if {
	cmd.program in rpm_programs
	idx := rpm_package_indexes(cmd)
}

installed(cmd) := [[k, lower(regex.replace(cmd.args[k], `[=<>].*$`, ""))] | some k in idx] if {
	cmd.program == "zypper"
	idx := zypper_package_indexes(cmd)
}

rpm_programs := (yum_programs | dnf_programs) | microdnf_programs

# package_managers are the programs `installed` understands.
package_managers := {"apt-get", "apt", "apk", "yum", "dnf", "dnf5", "dnf-3", "tdnf", "microdnf", "zypper"}

# ---------------------------------------------------------------------------------------
# Answers and caches

# fed_by_yes is true when an earlier command of the same pipe is `yes`, which answers
# every prompt of cmd (`yes | yum install x`).
fed_by_yes(run, cmd) if {
	cmd.pipeline >= 0
	some other in run.commands
	other.pipeline == cmd.pipeline
	other.pipe_position < cmd.pipe_position
	other.program == "yes"
}

# rpm_assumes_yes is true when a yum or dnf command answers its own prompts: -y (also
# in a group such as -qy), --assumeyes, or --setopt=assumeyes=1.
rpm_assumes_yes(cmd) if short_flag(cmd.args, "y")

rpm_assumes_yes(cmd) if long_flag(cmd.args, "--assumeyes")

rpm_assumes_yes(cmd) if long_flag(cmd.args, "--assume-yes")

rpm_assumes_yes(cmd) if {
	some a in cmd.args
	regex.match(`(?i)^(--setopt=)?assumeyes=(1|true|yes|on)$`, a)
}

# rpm_prompts is true for a yum or dnf subcommand that asks before changing the system.
rpm_prompts(cmd) if rpm_subcommand(cmd) in {
	"install", "localinstall", "reinstall", "groupinstall", "groupupdate", "groupremove",
	"update", "upgrade", "update-minimal", "upgrade-minimal", "remove", "erase",
	"autoremove", "downgrade", "distro-sync", "distribution-synchronization", "swap",
}

rpm_prompts(cmd) if {
	ops := rpm_operands(cmd)
	ops[0] in {"group", "groups", "module"}
	ops[1] in {"install", "remove", "erase", "upgrade", "update", "enable", "switch-to", "reset", "disable"}
}

# cache_mounted is true when a RUN mounts a cache or tmpfs on one of the directories.
cache_mounted(run, dirs) if {
	some t in mount_targets(run)
	t in dirs
}

# rm_under is true for an `rm` whose operands remove one of the directories or
# something under it.
rm_under(cmd, dirs) if {
	some d in dirs
	removes(cmd, d)
}

# ---------------------------------------------------------------------------------------
# Commands by program (see lib.dockerfile.commands_of)

# pip_commands are the [run, cmd] pairs of pip, pip3, pip3.12, python -m pip ...
# commands (the python ones are filtered by pip_offset).
pip_commands contains pair if {
	some p, pairs in df.commands_of
	regex.match(`^(pip|python)(\d+(\.\d+)?)?$`, p)
	some pair in pairs
}

# node_commands are the [run, cmd] pairs of npm, yarn and pnpm commands.
node_commands contains pair if {
	some p in {"npm", "yarn", "pnpm"}
	some pair in df.commands_of[p]
}

# ---------------------------------------------------------------------------------------
# Operands computed once per command

# The operand indexes of every apt, apk, yum/dnf and zypper command are computed once per
# document (complete rules, keyed by the command's ptr) and shared by every rule that
# asks for a subcommand or a package list, instead of once per rule and per call. A
# command that is not in the table (an object built in a policy) is parsed on the spot
# (an else, so that the table's answer is not looked up twice).
apt_operand_indexes(cmd) := idx if idx := _apt_ops[cmd.ptr]

else := operand_indexes(cmd.args, apt_valued)

apk_operand_indexes(cmd) := idx if idx := _apk_ops[cmd.ptr]

else := operand_indexes(cmd.args, apk_valued)

rpm_operand_indexes(cmd) := idx if idx := _rpm_ops[cmd.ptr]

else := operand_indexes(cmd.args, yum_valued)

zypper_operand_indexes(cmd) := idx if idx := _zypper_ops[cmd.ptr]

else := operand_indexes(cmd.args, zypper_valued)

_apt_ops := {c.ptr: operand_indexes(c.args, apt_valued) |
	some p in {"apt-get", "apt", "aptitude"}
	some [_, c] in df.commands_of[p]
}

_apt_subcommands := {c.ptr: c.args[idx[0]] |
	some p in {"apt-get", "apt", "aptitude"}
	some [_, c] in df.commands_of[p]
	idx := _apt_ops[c.ptr]
}

_apk_ops := {c.ptr: operand_indexes(c.args, apk_valued) | some [_, c] in df.commands_of.apk}

_rpm_ops := {c.ptr: operand_indexes(c.args, yum_valued) |
	some p in rpm_programs
	some [_, c] in df.commands_of[p]
}

_zypper_ops := {c.ptr: operand_indexes(c.args, zypper_valued) | some [_, c] in df.commands_of.zypper}
