# options: {"exempt": ["ca-certificates", "tzdata"]}
FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata curl=8.9.1-r0
