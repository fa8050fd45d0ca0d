# A builder stage's EXPOSE does not reach the image.
FROM debian:12.5 AS build
EXPOSE 22

FROM debian:12.5
EXPOSE 8022 2222/tcp 220
EXPOSE 22/udp
EXPOSE 23-80
