FROM golang:1.22 AS Builder
RUN go build -o /out/app ./...

FROM debian:12.5
# Stage names are matched without regard to case; indexes work too.
COPY --from=builder /out/app /usr/local/bin/app
COPY --from=0 /out/app /app
# A stage defined later in the file can be named too.
COPY --from=assets /site /srv/site
# Image references.
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=ghcr.io/acme/tools /bin/tool /bin/tool
COPY --from=docker.io/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7 /bin/busybox /bin/
# ONBUILD triggers refer to the stages of the child build.
ONBUILD COPY --from=deps /node_modules /app/node_modules

FROM node:22 AS assets
RUN npm run build
