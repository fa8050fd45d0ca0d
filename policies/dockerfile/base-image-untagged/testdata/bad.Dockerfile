ARG BASE=alpine
# want: base-image-untagged "base image \"ubuntu\" has no tag"
FROM ubuntu AS build
RUN make
# want: base-image-untagged "latest tag"
FROM ghcr.io/acme/tools:latest AS tools
# want: base-image-untagged "has no tag"
FROM ${BASE}
COPY --from=build /out /app
