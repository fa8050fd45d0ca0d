# options: {"registries": ["ghcr.io/acme", "*.dkr.ecr.eu-west-1.amazonaws.com", "docker.io/library"]}
FROM ghcr.io/acme/base:1.0 AS build
FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app/base:2.1
# Official images through the docker.io/library prefix; stages and scratch.
FROM alpine:3.20
COPY --from=build /out /app
FROM scratch
