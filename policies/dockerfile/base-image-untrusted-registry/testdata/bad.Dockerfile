# options: {"registries": ["ghcr.io/acme", "*.dkr.ecr.eu-west-1.amazonaws.com"]}
# want: base-image-untrusted-registry "base image \"alpine:3.20\" comes from docker.io"
FROM alpine:3.20 AS build
# want: base-image-untrusted-registry "ghcr.io"
FROM ghcr.io/other/base:1.0
# want: base-image-untrusted-registry "COPY --from image \"quay.io/x/tools:2\""
COPY --from=quay.io/x/tools:2 /bin/tool /bin/tool
