FROM golang:1.22 AS build
USER nobody
RUN go build -o /out/app ./...

FROM debian:12.5
RUN useradd --system app
USER app
COPY --from=build /out/app /app
# Switching back to root for the entrypoint undoes the USER above.
# want: user-root "runs as root \(USER root\)"
USER root
CMD ["/app"]
