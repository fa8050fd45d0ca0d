FROM fedora:40
RUN dnf install -y httpd && dnf clean all
RUN dnf -qy upgrade && dnf --assumeyes module enable nodejs:20
RUN dnf --setopt=assumeyes=True remove vim
# Subcommands that never ask.
RUN dnf makecache && dnf module list && dnf repoquery httpd
# microdnf never asks.
RUN microdnf install httpd
RUN yes | dnf install git
