FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates \
        git \
# want: package-list-unsorted "package \"curl\" is out of order"
        curl \
        wget \
    && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
RUN apk add --no-cache \
    zlib \
# want: package-list-unsorted "\"bash=5.2.26-r0\""
    bash=5.2.26-r0 \
    curl
