# GO_VERSION is the Go version to build with
ARG GO_VERSION=1.22

# build compiles the server
FROM golang:${GO_VERSION} AS build
# hadolint ignore=DL3008
ARG DEBIAN_FRONTEND=noninteractive

# An unrelated comment separated by an empty line.

FROM debian:12.5
