FROM golang:1.22 AS build
RUN go build ./...

# want: duplicate-stage-name "stage name \"build\" is already used by stage 0"
FROM node:22 AS build
RUN npm ci

# want: duplicate-stage-name "\"BUILD\" is already used by stage 0"
FROM rust:1.79 AS BUILD

FROM debian:12.5
COPY --from=build /out /app
