# options: {"required": ["org.opencontainers.image.source", "com.example.team"]}
FROM debian:12.5 AS base
LABEL com.example.team=core

FROM golang:1.22 AS build
LABEL org.opencontainers.image.source=https://example.com/src

# want: label-missing "no label org.opencontainers.image.source"
FROM base
CMD ["/app"]
