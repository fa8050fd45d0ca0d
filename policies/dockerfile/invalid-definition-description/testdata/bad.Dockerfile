# The Go version to build with
# want: invalid-definition-description "should start with \"GO_VERSION\""
ARG GO_VERSION=1.22

# Build stage
# want: invalid-definition-description "\"build\""
FROM golang:${GO_VERSION} AS build
