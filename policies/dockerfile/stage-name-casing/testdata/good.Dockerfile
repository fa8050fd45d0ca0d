FROM golang:1.22 AS build-2
FROM build-2 AS test_runner
# Image references and ARGs may use capitals; only the stage name is checked.
ARG BASE=Debian
FROM docker.io/library/debian:12.5
COPY --from=build-2 /OUT /App
