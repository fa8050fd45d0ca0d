FROM alpine:3.20
# infralint ignore=base-image-untagged -- the release pipeline pins a digest
FROM ubuntu AS build
# hadolint's pragmas have no place for a reason; they are not reported.
# hadolint ignore=DL3007
FROM ubuntu:latest AS final
USER app
