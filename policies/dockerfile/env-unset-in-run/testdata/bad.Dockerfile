FROM debian:12.5
ENV API_TOKEN=abc123 DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
# want: env-unset-in-run "unset DEBIAN_FRONTEND"
    && unset DEBIAN_FRONTEND \
    && rm -rf /var/lib/apt/lists/*
# want: env-unset-in-run "unset API_TOKEN"
RUN unset -v API_TOKEN
