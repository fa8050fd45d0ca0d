FROM golang:1.22 AS build
from build as test
# Mixed-case FROM is left alone.
From debian:12.5 as runtime
# A stage named "as" and an image named like it are not the keyword.
FROM alpine:3.20 AS as
FROM ubuntu:24.04
