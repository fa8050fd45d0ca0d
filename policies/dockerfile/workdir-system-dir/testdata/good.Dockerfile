FROM debian:12.5 AS build
WORKDIR /usr

FROM debian:12.5
WORKDIR /
WORKDIR /usr/src/app
WORKDIR /var/www/html
WORKDIR /app
