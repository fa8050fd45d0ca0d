FROM fedora:40 AS build
RUN dnf -y install gcc

FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y --nodocs shadow-utils && microdnf clean all
RUN dnf -y install httpd && dnf clean all
RUN dnf -y install git && rm -rf /var/cache/dnf/*
RUN --mount=type=cache,target=/var/cache/dnf dnf -y install vim
RUN dnf module list
