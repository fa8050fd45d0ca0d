ARG GO_VERSION=1.22
# want: base-image-not-pinned-by-digest "base image \"golang:\$\{GO_VERSION\}\" is not pinned by digest"
FROM golang:${GO_VERSION} AS build
RUN go build -o /out/app ./...

# want: base-image-not-pinned-by-digest
FROM --platform=$BUILDPLATFORM docker.io/library/node:22-alpine AS web
RUN npm ci

# want: base-image-not-pinned-by-digest "\"ghcr.io/acme/runtime\""
FROM ghcr.io/acme/runtime
COPY --from=build /out/app /app
