# METADATA
# title: Do not COPY files that .dockerignore excludes
# description: |
#   A `COPY` or `ADD` names a source that the build context's `.dockerignore` excludes,
#   so the builder never receives it.
#
#   The build then fails with "not found", or, for a pattern or a directory, silently
#   copies less than the line says. Either remove the source from the instruction or
#   stop excluding it (an exception such as `!config/app.yaml` re-includes one file). The
#   build context is taken to be the Dockerfile's directory, and its
#   `<Dockerfile name>.dockerignore` or `.dockerignore` is read as BuildKit reads it;
#   sources with variables, `COPY --from` and `ONBUILD` triggers (which use another
#   build's context) are not checked.
# related_resources:
#   - ref: https://docs.docker.com/reference/build-checks/copy-ignored-file/
#     description: BuildKit build checks, CopyIgnoredFile
#   - ref: https://docs.docker.com/build/concepts/context/#dockerignore-files
#     description: Build context, .dockerignore files
# custom:
#   severity: warning
#   category: reliability
#   aliases: [CopyIgnoredFile]
package infralint.rules.dockerfile["copy-ignored-file"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s source %q is excluded by %s", [upper(i.cmd), src, input.context.dockerignore])) if {
	some c in {"copy", "add"}
	some i in df.top_level_of[c]
	some src in i.ignored
}
