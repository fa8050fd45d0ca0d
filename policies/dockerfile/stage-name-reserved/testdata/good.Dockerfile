FROM scratch AS empty
FROM alpine:3.20 AS build-context
FROM scratch
