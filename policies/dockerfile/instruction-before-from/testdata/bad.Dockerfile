ARG BASE=debian:12.5
# want: instruction-before-from "LABEL before the first FROM"
LABEL org.opencontainers.image.title=app
FROM ${BASE}
