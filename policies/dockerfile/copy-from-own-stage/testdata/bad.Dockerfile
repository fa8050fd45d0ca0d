FROM golang:1.22 AS build
RUN go build -o /out/app ./...
# want: copy-from-own-stage "--from=build names the stage this COPY is in"
COPY --from=build /out/app /usr/local/bin/app

FROM debian:12.5 AS Runtime
# want: copy-from-own-stage "--from=runtime"
COPY --from=runtime /etc/os-release /tmp/
# want: copy-from-own-stage "--from=1 "
COPY --from=1 /etc/hostname /tmp/
