FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM debian:12.5
COPY --from=build /out/app /usr/local/bin/app
CMD ["app"]

# A scratch stage that gathers artifacts for --output.
FROM scratch AS export
COPY --from=build / /
