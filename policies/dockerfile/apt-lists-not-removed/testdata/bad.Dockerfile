FROM debian:12.5 AS base
# A stage the final one is built FROM: its layers are part of the image.
# want: apt-lists-not-removed
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM base
# want: apt-lists-not-removed "apt-get install leaves /var/lib/apt/lists"
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get update \
# want: apt-lists-not-removed "apt-get install"
 && apt-get install -y --no-install-recommends \
      git \
      make \
 && apt-get clean
# Removing the lists before fetching them again does not help.
# want: apt-lists-not-removed "apt-get install"
RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y --no-install-recommends jq
# want: apt-lists-not-removed "apt-get update leaves"
RUN apt-get update
# Removing the archives is not removing the lists.
# want: apt-lists-not-removed
RUN apt-get update && apt-get install -y --no-install-recommends zip && rm -rf /var/cache/apt/archives/*
# want: apt-lists-not-removed "apt install"
RUN apt update && apt install -y vim
# want: apt-lists-not-removed
RUN sudo apt-get install -y --no-install-recommends less
# A bind mount does not keep the lists out of the layer.
# want: apt-lists-not-removed
RUN --mount=type=bind,source=.,target=/src apt-get update && apt-get install -y --no-install-recommends tar
# want: apt-lists-not-removed
ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends unzip
RUN <<EOF
set -e
apt-get update
# want: apt-lists-not-removed
apt-get install -y --no-install-recommends xz-utils
EOF
