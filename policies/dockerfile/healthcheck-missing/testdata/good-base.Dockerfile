# A base image for others runs nothing itself.
FROM debian:12.5
RUN useradd --no-log-init -r app
