FROM alpine:3.20
# The base image has a tag: this suppression hides nothing.
# want: unused-suppression "suppression of base-image-untagged is unused"
# infralint ignore=base-image-untagged -- pinned by the release pipeline
FROM alpine:3.20 AS build
# Aliases are reported by the name written, with the rule they stand for.
# want: unused-suppression "DL3004 \(sudo-usage\)"
# infralint ignore=DL3004,DL3027 -- the builder runs as root
RUN apt install -y --no-install-recommends curl=7.88.1
# want: unused-suppression "in this file"
# infralint ignore-file=maintainer-deprecated -- no MAINTAINER left
USER app
