ARG BASE_DIGEST=sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412
ARG VERSION
FROM golang:1.22@sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412 AS build
RUN go build -o /out/app ./...

# An earlier stage is not an image.
FROM build AS test
RUN go test ./...

# A digest that comes from an ARG default counts.
FROM alpine@${BASE_DIGEST} AS tools

# An ARG without a default cannot be judged here.
FROM node:${VERSION} AS web

FROM scratch
COPY --from=build /out/app /app
