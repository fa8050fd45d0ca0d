FROM debian:12.5
RUN useradd --no-log-init -r -u 10001 app
USER root
RUN echo setup
USER app
# Repeating the user in effect is not a switch.
USER app
USER root
RUN echo more
