FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM debian:12.5
RUN set -eux; \
    savedAptMark="$(apt-mark showmanual)"; \
    apt-get update; \
    apt-get install -y --no-install-recommends gcc libc6-dev make; \
    make -C /src install; \
    apt-mark auto '.*' > /dev/null; \
    apt-mark manual $savedAptMark; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
    rm -rf /var/lib/apt/lists/*
COPY --from=build /out/app /app
CMD ["/app"]
