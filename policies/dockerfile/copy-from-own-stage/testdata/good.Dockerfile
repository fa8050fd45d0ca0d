FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM debian:12.5 AS runtime
COPY --from=build /out/app /usr/local/bin/app
COPY --from=0 /out/app /app
# An image whose name looks like the stage name.
COPY --from=runtime:1.0 /etc/os-release /tmp/
# ONBUILD triggers run in a child build, where "runtime" is the parent image.
ONBUILD COPY --from=runtime /a /b
