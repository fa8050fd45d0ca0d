# options: {"required": ["org.opencontainers.image.source"]}
FROM debian:12.5 AS base
LABEL "org.opencontainers.image.source"="https://example.com/src"
FROM base
