ARG VERSION
FROM golang:1.22 AS build
FROM build AS test
FROM debian@sha256:3d1f6c1e5ca7e1a0f8f6f0a4a5c6e3a8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6 AS pinned
# An ARG without a default cannot be judged here.
FROM node:${VERSION}
FROM scratch
COPY --from=build /out /app
