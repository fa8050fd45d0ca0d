FROM debian:12.5
LABEL org.opencontainers.image.title="app" com.example.team=core maintainer="a@example.com"
LABEL "com.example.build-id"=42
