FROM alpine:3.20
RUN apk add --no-cache curl
FROM debian:12.5
RUN apt-get install -y --no-install-recommends curl && echo "--allow-unauthenticated"
RUN apt-get -o Dpkg::Options::=--force-confold install -y git
FROM fedora:40
RUN rpm --import https://example.com/key.asc && dnf -y install --setopt=gpgcheck=1 httpd
RUN rpm -qa --nosignature-check-does-not-exist || true
# Packages built earlier in the build are local files without a signature.
FROM alpine:3.20
COPY --from=0 /out/packages /tmp/packages
RUN apk add --no-cache --allow-untrusted /tmp/packages/*.apk
