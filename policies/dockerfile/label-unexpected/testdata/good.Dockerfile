# options: {"allowed": ["org.opencontainers.image.*", "com.example.team"]}
FROM debian:12.5 AS build
LABEL anything=goes

FROM debian:12.5
LABEL org.opencontainers.image.title=app com.example.team=core
