FROM debian:12.5
# want: run-pointless-command "vim has no use"
RUN vim /etc/hosts
# want: run-pointless-command "^ps "
RUN apt-get update && ps aux && rm -rf /var/lib/apt/lists/*
# want: run-pointless-command "shutdown"
RUN shutdown -h now
# want: run-pointless-command "mount"
RUN mount -t tmpfs tmpfs /mnt
