FROM debian:12.5 AS build
RUN useradd -u 123456 builder

FROM debian:12.5
RUN useradd --no-log-init -m -u 123456 app
RUN useradd -lmu 200000 other && useradd -rl -u 300000 third
# Low UIDs and variables.
RUN useradd -u 10001 small && useradd -u "$UID" dyn
RUN echo "useradd -u 123456 app"
