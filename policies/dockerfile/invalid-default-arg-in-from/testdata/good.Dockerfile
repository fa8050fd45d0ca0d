ARG TAG=3.20
ARG IMAGE
FROM alpine:${TAG}
FROM ${IMAGE:-debian:12.5}
FROM alpine:${TAG:-3.20}
