FROM --platform=$BUILDPLATFORM golang:1.22 AS build
# The stage name says the platform is deliberate.
FROM --platform=linux/amd64 alpine:3.20 AS tools-amd64
FROM alpine:3.20
