# syntax=docker/dockerfile:1
# infralint's own image: a static binary on an empty base, run as an unprivileged user.
# The policies are embedded in the binary, so the image holds nothing else.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/root/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/infralint ./cmd/infralint

FROM scratch
COPY --from=build /out/infralint /infralint
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/infralint"]
