FROM debian:12.5 AS build
LABEL org.opencontainers.image.created="yesterday"

FROM debian:12.5
ARG BUILD_DATE
LABEL org.opencontainers.image.created=$BUILD_DATE \
      org.opencontainers.image.licenses="Apache-2.0 OR (MIT AND BSD-3-Clause)" \
      org.opencontainers.image.source="https://github.com/example/app" \
      org.opencontainers.image.title="" \
      com.example.anything=whatever
LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
