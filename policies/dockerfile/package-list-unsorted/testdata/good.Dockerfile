FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates \
        curl=7.88.1-10+deb12u5 \
        git \
        wget \
    && rm -rf /var/lib/apt/lists/*
# One line is not a multi-line list.
RUN apt-get install -y zlib1g curl
# Variables cannot be compared.
RUN apk add --no-cache \
    zlib \
    $EXTRA_PACKAGES
# Groups separated by a comment or a lone backslash are sorted on their own.
RUN apt-get update && apt-get install -y --no-install-recommends \
        curl \
        wget \
# gnupg verifies the download
        gnupg \
        \
        ca-certificates \
    && rm -rf /var/lib/apt/lists/*
