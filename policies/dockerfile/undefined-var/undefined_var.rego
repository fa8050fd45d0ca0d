# METADATA
# title: Define the variables the builder expands
# description: |
#   An instruction that the builder expands (`FROM`, `COPY`, `ADD`, `ENV`, `LABEL`,
#   `WORKDIR`, `USER`, `EXPOSE`, ...) uses a variable that nothing defines, so it expands
#   to an empty string.
#
#   An empty expansion rarely fails loudly: `COPY $SRC /app` copies the whole context,
#   `WORKDIR /opt/$APP` becomes `/opt/`. Declare the variable with `ARG` or `ENV` in the
#   stage, give it a default (`${NAME:-value}`), or fix the spelling. To stay precise,
#   since a base image may define variables this rule cannot see, it reports only:
#   variables in `FROM`, which sees nothing but the `ARG`s declared before the first
#   `FROM`; names that look like a misspelling of a defined one (a near name exists,
#   the name is not one that common base images set, such as `PATH` or `JAVA_HOME`, and
#   it is at least four characters long, or an `ARG` or `ENV` in scope differs from it
#   only in case); and any undefined
#   variable in a stage whose image chain starts `FROM scratch`, where nothing can come
#   from the image. Variables with a default, predefined build arguments
#   (`TARGETPLATFORM`, proxies, ...), a `$` inside single quotes or after the escape
#   character (both literal) and `ONBUILD` triggers (expanded in another build) are not
#   reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/undefined-var/
#     description: BuildKit build checks, UndefinedVar
#   - ref: https://docs.docker.com/reference/build-checks/undefined-arg-in-from/
#     description: BuildKit build checks, UndefinedArgInFrom
#   - ref: https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact
#     description: Dockerfile reference, how ARG and FROM interact
# custom:
#   severity: warning
#   category: reliability
#   aliases: [UndefinedVar, UndefinedArgInFrom]
package infralint.rules.dockerfile["undefined-var"]

import data.infralint.lib.result

# (a) FROM sees only the global ARGs.
deny contains result.fail(i, sprintf("variable %s in FROM is not a global ARG: FROM sees only the ARGs declared before the first FROM%s", [v.name, _hint(v)])) if {
	some [i, v] in _undefined
	i.cmd == "from"
}

# (b) a likely misspelling of a defined name.
deny contains result.fail(i, sprintf("variable %s is not defined (did you mean %s?)", [v.name, name])) if {
	some [i, v] in _undefined
	i.cmd != "from"
	name := _did_you_mean(i, v)
}

# (c) nothing can come from a scratch image.
deny contains result.fail(i, sprintf("variable %s is not defined in this stage, which is built from scratch", [v.name])) if {
	some [i, v] in _undefined
	i.cmd != "from"
	not _did_you_mean(i, v)
	_from_scratch(i.stage)
}

_undefined contains [i, v] if {
	some i in input.instructions # not ONBUILD triggers: they expand in the child build
	some v in i.vars # the parser skips $ inside single quotes and after an escape
	not v.defined
	not v.has_default
}

_hint(v) := sprintf(" (did you mean %s?)", [v.suggestion]) if v.suggestion

else := ""

# _did_you_mean is the defined name an undefined one most likely misspells: one that
# differs only in case (ARG and ENV names are case-sensitive), or a near name.
_did_you_mean(_, v) := v.suggestion if _case_twin(v)

_did_you_mean(_, v) := v.suggestion if {
	not _case_twin(v)
	v.suggestion
	not v.name in _image_vars
	count(v.name) >= 4
}

_case_twin(v) if {
	v.suggestion
	lower(v.suggestion) == lower(v.name)
}

# Variables that common base images set with ENV, which this rule cannot see.
_image_vars := {
	"PATH", "HOME", "HOSTNAME", "USER", "SHELL", "TERM", "LANG", "LANGUAGE", "LC_ALL", "TZ",
	"PWD", "JAVA_HOME", "JAVA_VERSION", "JDK_VERSION", "MAVEN_HOME", "GRADLE_HOME",
	"GOPATH", "GOROOT", "GOLANG_VERSION", "GOTOOLCHAIN", "NODE_VERSION", "YARN_VERSION",
	"NODE_ENV", "PYTHON_VERSION", "PYTHON_SHA256", "PIP_VERSION", "PYTHONPATH",
	"VIRTUAL_ENV", "RUBY_VERSION", "GEM_HOME", "BUNDLE_PATH", "BUNDLE_APP_CONFIG",
	"PHP_VERSION", "PHP_INI_DIR", "NGINX_VERSION", "CARGO_HOME", "RUSTUP_HOME",
	"RUST_VERSION", "DOTNET_VERSION", "ASPNET_VERSION", "APP_UID", "DEBIAN_FRONTEND",
	"CONDA_DIR", "MAMBA_ROOT_PREFIX", "CATALINA_HOME", "HTTPD_PREFIX", "PGDATA",
	"GPG_KEY", "LD_LIBRARY_PATH", "CUDA_VERSION", "NVIDIA_VISIBLE_DEVICES",
}

# _from_scratch: the stage's chain of FROM <stage> ends at scratch.
_from_scratch(stage) if {
	some n in input.stages[stage].chain
	input.stages[n].base.scratch
}
