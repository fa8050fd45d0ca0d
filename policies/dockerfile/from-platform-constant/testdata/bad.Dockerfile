# want: from-platform-constant "--platform=linux/amd64"
FROM --platform=linux/amd64 golang:1.22 AS build
# want: from-platform-constant "linux/arm64/v8"
FROM --platform=linux/arm64/v8 alpine:3.20
