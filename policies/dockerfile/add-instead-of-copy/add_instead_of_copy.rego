# METADATA
# title: Use COPY for local files
# description: |
#   `ADD` is used for local files or directories that are neither archives to extract nor
#   remote sources, where `COPY` does the same thing.
#
#   `ADD` also downloads URLs, clones Git repositories and unpacks local tar archives, so
#   a reader cannot tell what an `ADD` line does without checking its source, and renaming
#   a file to `.tar.gz` silently changes what the build does. Use `COPY` for plain files
#   and keep `ADD` for what only it does. Sources that may be archives (a compression or
#   tar extension, or a name ending in a wildcard), remote sources, heredocs and sources
#   with variables are not reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
#     description: Docker build best practices, ADD or COPY
#   - ref: https://docs.docker.com/reference/dockerfile/#copy
#     description: Dockerfile reference, COPY
# custom:
#   severity: warning
#   category: maintainability
#   aliases: [DL3020, DS-0005, DS005, CKV_DOCKER_4]
package infralint.rules.dockerfile["add-instead-of-copy"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("use COPY instead of ADD for local %s", [_list(i.sources)])) if {
	some i in df.instructions_of.add
	count(i.sources) > 0
	count(i.heredocs) == 0
	every src in i.sources {
		_plain_local(_unquote(src))
	}
	not _needs_add(i)
}

# _needs_add: flags only ADD understands.
_needs_add(i) if {
	some f in i.flags
	f.name in {"checksum", "keep-git-dir", "unpack"}
}

_plain_local(src) if {
	not contains(src, "$")
	not contains(src, "://")
	not startswith(src, "git@")
	not _maybe_archive(src)
}

_archive_suffixes := [".tar", ".gz", ".tgz", ".bz2", ".tbz", ".tbz2", ".xz", ".txz", ".zst", ".tzst"]

_maybe_archive(src) if {
	some suffix in _archive_suffixes
	endswith(lower(src), suffix)
}

# A name ending in a wildcard may match an archive.
_maybe_archive(src) if {
	some c in ["*", "?", "]"]
	endswith(src, c)
}

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s

_list(sources) := concat(", ", [sprintf("%q", [_unquote(s)]) | some s in sources])
