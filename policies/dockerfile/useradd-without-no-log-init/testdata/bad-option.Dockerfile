# options: {"min_uid": 60000}
FROM debian:12.5
# want: useradd-without-no-log-init "UID 65532"
RUN useradd -u 65532 nonroot
