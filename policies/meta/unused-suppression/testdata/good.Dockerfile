# infralint ignore-file=maintainer-deprecated -- the label migration is tracked in OPS-12
FROM alpine:3.20
MAINTAINER ops@example.com
# infralint ignore=base-image-untagged -- the release pipeline pins a digest
FROM ubuntu
# A hadolint pragma is hadolint's business, even when it suppresses nothing here.
# hadolint ignore=DL3008
USER app
