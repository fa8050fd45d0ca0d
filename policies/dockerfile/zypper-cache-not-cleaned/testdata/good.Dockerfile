FROM opensuse/leap:15.6 AS build
RUN zypper -n install gcc

FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
RUN zypper -n in git && zypper cc -a
RUN zypper -n in vim && rm -rf /var/cache/zypp/*
RUN --mount=type=cache,target=/var/cache/zypp zypper -n in tar
RUN zypper search curl
