FROM debian:12.5
RUN useradd --no-log-init -r -u 10001 app
# want: user-not-numeric "USER app names a user"
USER app
# want: user-not-numeric "USER 10001:app"
USER 10001:app
