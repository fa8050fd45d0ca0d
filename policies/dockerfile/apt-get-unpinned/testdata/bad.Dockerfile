FROM debian:12.5
# want: apt-get-unpinned "package \"curl\" is not pinned"
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# Each finding points at the package it is about.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates=20230311 \
# want: apt-get-unpinned "package \"git\""
      git \
# want: apt-get-unpinned "package \"make\""
      make \
 && rm -rf /var/lib/apt/lists/*
# The value of -t is a release, not a package; a release is not a version pin.
# want: apt-get-unpinned "package \"golang\""
RUN apt-get install -y --no-install-recommends -t bookworm-backports golang
# want: apt-get-unpinned "package \"libssl3:amd64\""
RUN sudo apt-get install -y --no-install-recommends libssl3:amd64
# want: apt-get-unpinned "package \"vim\""
ONBUILD RUN apt-get install -y --no-install-recommends vim
# want: apt-get-unpinned "package \"jq\""
RUN ["apt-get", "install", "-y", "--no-install-recommends", "jq"]
# want: apt-get-unpinned "package \"zip\""
RUN apt-get -o Dpkg::Options::=--force-confold install -y --no-install-recommends zip
