# Builder stages run as root and are never reported.
FROM golang:1.22 AS build
USER root
RUN go build -o /out/app ./...

FROM debian:12.5
RUN useradd --system --uid 10001 app
COPY --from=build /out/app /app
# root for setup, then back to the unprivileged user.
USER root
RUN chown app /app
USER app:root
# A word root in a command is not a USER.
RUN echo "root" > /tmp/who
CMD ["/app"]
