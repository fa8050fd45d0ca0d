FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM debian:12.5
# want: copy-whole-stage "COPY --from=build copies its whole file system \(\"/\"\)"
COPY --from=build / /
CMD ["/out/app"]
