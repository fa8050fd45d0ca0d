# METADATA
# title: Add a .dockerignore beside the Dockerfile
# description: |
#   The Dockerfile copies files from its build context, but neither a
#   `<Dockerfile name>.dockerignore` nor a `.dockerignore` is beside it (nor in a
#   parent directory up to the repository root, or up to a `testdata` directory).
#
#   Without an ignore file, the whole directory is sent to the builder: `.git`, local
#   `node_modules` or virtual environments, build output, and any `.env` or key file
#   lying around. Builds get slower, the cache is invalidated by files the image never
#   uses, and a broad `COPY . .` can put secrets into the image. Add a `.dockerignore`
#   that excludes at least `.git` and your dependency and build directories. The build
#   context is taken to be the Dockerfile's directory; a `.dockerignore` in a parent
#   directory is taken as the context's. Files read from standard input are not
#   checked.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore
#     description: Docker build best practices, exclude with .dockerignore
#   - ref: https://docs.docker.com/build/concepts/context/#dockerignore-files
#     description: Build context, .dockerignore files
# custom:
#   severity: info
#   category: efficiency
#   aliases: []
package infralint.rules.dockerfile["dockerignore-missing"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("%s copies from the build context, which has no .dockerignore", [upper(i.cmd)])) if {
	input.context.known
	not input.context.dockerignore
	not input.context.dockerignore_above
	i := _first_context_copy
}

_first_context_copy := input.instructions[min({i.index | some c in {"copy", "add"}; some i in df.top_level_of[c]; df.copies_from_context(i)})]
