FROM debian:12.5
# want: package-dist-upgrade "apt-get dist-upgrade"
RUN apt-get update && apt-get -y dist-upgrade

FROM opensuse/leap:15.6
# want: package-dist-upgrade "zypper dup"
RUN zypper -n dup
