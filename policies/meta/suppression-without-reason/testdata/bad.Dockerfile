FROM alpine:3.20
# want: suppression-without-reason
# infralint ignore=base-image-untagged
FROM ubuntu AS build
# An empty reason is no reason.
# want: suppression-without-reason
# infralint ignore-file=DL3007 --
FROM ubuntu:latest AS final
USER app
