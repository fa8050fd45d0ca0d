FROM debian:12.5
# Scripted edits and version queries.
RUN vim -es -c '%s/a/b/g' -c 'wq' /etc/x.conf && vim --version
RUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts && ssh -V
# As a condition it only decides what runs.
RUN if ps -p 1 >/dev/null; then echo ok; fi
RUN apt-get update && apt-get install -y --no-install-recommends vim procps && rm -rf /var/lib/apt/lists/*
RUN echo "vim shutdown ps" && mount
