FROM debian:12.5
RUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*
RUN echo "apt-get dist-upgrade is not run here"

FROM opensuse/leap:15.6
RUN zypper -n update && zypper clean
