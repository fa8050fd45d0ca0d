# syntax=docker/dockerfile:1
ARG BASE=debian:12.5
ARG VERSION=1.0
FROM ${BASE}
LABEL org.opencontainers.image.version=1.0
