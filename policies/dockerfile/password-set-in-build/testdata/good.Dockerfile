# A builder stage's users never reach the image.
FROM debian:12.5 AS build
RUN echo "root:build" | chpasswd

FROM debian:12.5
RUN useradd --no-log-init -m -u 10001 app && passwd -l root
RUN echo "chpasswd is not run here"
USER app
