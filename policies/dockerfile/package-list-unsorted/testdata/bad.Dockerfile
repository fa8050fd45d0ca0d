FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates \
# want: package-list-unsorted "package \"curl\" is out of order"
        git curl \
        wget \
    && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
# want: package-list-unsorted "\"bash=5.2.26-r0\""
RUN apk add --no-cache zlib bash=5.2.26-r0 \
    curl
