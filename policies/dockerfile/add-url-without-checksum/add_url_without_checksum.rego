# METADATA
# title: Verify remote ADD sources with --checksum
# description: |
#   `ADD` downloads a file over HTTP(S) without `--checksum`, so the build accepts
#   whatever the server returns.
#
#   A compromised or changed server, or a moved release asset, then silently puts
#   different content into the image. Add `--checksum=sha256:<digest>` to the `ADD` (it
#   needs Dockerfile syntax 1.6 or later): BuildKit verifies the download and fails the
#   build on a mismatch. Git sources (`.git` URLs) are not reported.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
#     description: Docker build best practices, ADD or COPY
#   - ref: https://docs.docker.com/reference/dockerfile/#add---checksum
#     description: Dockerfile reference, ADD --checksum
# custom:
#   severity: warning
#   category: security
#   aliases: []
package infralint.rules.dockerfile["add-url-without-checksum"]

import data.infralint.lib.dockerfile as df
import data.infralint.lib.result

deny contains result.fail(i, sprintf("remote file %q is added without --checksum", [url])) if {
	some i in df.instructions_of.add
	not _has_checksum(i)
	some src in i.sources
	url := _unquote(src)
	_http(url)
	not _git(url)
}

_has_checksum(i) if {
	some f in i.flags
	f.name == "checksum"
	f.value != ""
}

_http(url) if startswith(lower(url), "http://")

_http(url) if startswith(lower(url), "https://")

# BuildKit treats a URL whose path ends in .git (before any #ref) as a Git repository.
_git(url) if endswith(lower(split(url, "#")[0]), ".git")

_unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s
