FROM debian:12.5
# want: useradd-without-no-log-init "UID 123456"
RUN useradd -m -u 123456 app
# want: useradd-without-no-log-init "UID 1000000"
RUN groupadd -g 1000000 g && useradd --uid=1000000 -g g svc
