FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*
RUN apt-get install -y --no-install-recommends git=1:2.39.* libssl3:amd64=3.0.11-1~deb12u2
# Flag values, .deb files, paths, removals and expansions are not packages to pin.
RUN apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold ./vendor.deb /tmp/tool_1.0_amd64.deb
RUN apt-get install -y --no-install-recommends -t bookworm-backports golang=2:1.21~2~bpo12+1
RUN apt-get install -y --no-install-recommends vim-
RUN apt-get install -y --no-install-recommends $PACKAGES "${EXTRA}" "curl=${CURL_VERSION}"
RUN apt-get install -y --no-install-recommends $(cat /tmp/packages.txt)
# Other subcommands and tools.
RUN apt-get update && apt-get remove -y curl && apt-get purge -y git
RUN apt-cache show curl && dpkg -i ./vendor.deb
RUN echo "apt-get install curl" > /notes.txt
RUN apt-get install -y --no-install-recommends --only-upgrade tzdata=2024a-0+deb12u1
ONBUILD RUN apt-get install -y --no-install-recommends make=4.3-4.1
