FROM debian:12.5
# want: workdir-system-dir "WORKDIR /usr/bin"
WORKDIR /usr/bin
# want: workdir-system-dir "WORKDIR /etc"
WORKDIR "/etc/"
