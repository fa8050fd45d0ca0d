FROM debian:12.5
# want: package-update-alone "apt-get update alone"
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20
# want: package-update-alone "apk update"
RUN set -eux; apk update
RUN apk add curl
