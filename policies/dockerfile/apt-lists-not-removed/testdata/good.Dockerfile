FROM debian:12.5 AS build
# A builder stage whose files are copied out: its lists never reach the image.
RUN apt-get update && apt-get install -y --no-install-recommends gcc
RUN make -C /src

FROM debian:12.5 AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

FROM base
COPY --from=build /src/out /usr/local/bin/
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      git \
      make \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists
RUN apt-get update && apt-get install -y --no-install-recommends jq; rm -rf /var/lib/apt/lists/ || true
RUN apt-get update && apt-get install -y --no-install-recommends zip && find /var/lib/apt/lists -type f -delete
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends tar
RUN --mount=type=cache,dst=/var/lib/apt/lists/ apt-get update && apt-get install -y --no-install-recommends xz-utils
RUN sh -c 'apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*'
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends unzip
rm -rf /var/lib/apt/lists/*
EOF
# Commands that fetch no lists.
RUN apt-get purge -y --auto-remove curl && apt-get clean
RUN apt-cache policy curl
RUN echo "apt-get update" > /notes.txt
ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends file && rm -rf /var/lib/apt/lists/*
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    apt-get dist-clean
