FROM debian:12.5
# want: copy-archive-then-extract "archive \"app-1.2.tar.gz\""
COPY dist/app-1.2.tar.gz /tmp/
RUN tar -xzf /tmp/app-1.2.tar.gz -C /opt && rm /tmp/app-1.2.tar.gz
