FROM golang:1.22 AS build
RUN go build -o /out/app ./...

FROM debian:12.5
COPY --from=build /out/app /app
COPY --from=nginx:1.27 /etc/nginx/mime.types /etc/
