FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM debian:12.5
COPY --from=build /out/app /usr/local/bin/app
CMD ["app"]

# A scratch stage that gathers artifacts for --output.
FROM scratch AS export
COPY --from=build / /

# An image or a scratch stage is a bundle of files made to be copied whole.
FROM scratch AS tools
COPY --from=build /out/app /bin/app
FROM debian:12.5 AS final
COPY --from=docker/buildx-bin:0.16 / /usr/libexec/docker/cli-plugins/
COPY --from=tools / /
# Building a root file system in a directory is deliberate.
COPY --from=build / /rootfs
