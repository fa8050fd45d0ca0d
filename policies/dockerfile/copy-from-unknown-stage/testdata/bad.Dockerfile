FROM golang:1.22 AS builder
RUN go build -o /out/app ./...

FROM debian:12.5
# want: copy-from-unknown-stage "--from=\"build\" names no stage"
COPY --from=build /out/app /usr/local/bin/app
# A bare image name without a tag is reported too.
# want: copy-from-unknown-stage "\"busybox\""
COPY --from=busybox /bin/busybox /bin/busybox
# want: copy-from-unknown-stage "there is no stage with that index \(the last is 1\)"
COPY --from=2 /out/app /app
