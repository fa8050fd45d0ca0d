FROM golang:1.22 AS build
FROM node:22 AS build-web
FROM build AS test
FROM debian:12.5 AS runtime
# Unnamed stages cannot clash.
FROM alpine:3.20
FROM alpine:3.20
