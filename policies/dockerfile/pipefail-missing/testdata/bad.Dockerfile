FROM debian:12.5
# want: pipefail-missing "the exit status of \"wget\" is lost in a pipe without pipefail"
RUN wget -O - https://example.org/tool.tar.gz | tar -xz -C /usr/local/bin
RUN apt-get update \
# want: pipefail-missing "\"curl\""
 && curl -fsSL https://example.org/key.asc \
      | gpg --dearmor -o /usr/share/keyrings/example.gpg \
 && rm -rf /var/lib/apt/lists/*
# Setting pipefail after the pipe is too late.
# want: pipefail-missing
RUN curl -fsSL https://example.org/list.txt | sort > /list.txt && set -o pipefail
# +o turns it off.
SHELL ["/bin/bash", "+o", "pipefail", "-c"]
# want: pipefail-missing "\"grep\""
RUN grep -v '^#' /etc/hosts | wc -l > /count
SHELL ["/bin/sh", "-c"]
# Two pipes, two findings.
# want: pipefail-missing "\"cat\""
# want: pipefail-missing "\"sort\""
RUN cat /etc/passwd | cut -d: -f1 > /users && sort /users | uniq -c > /counts
# want: pipefail-missing
ONBUILD RUN curl -fsSL https://example.org/tool.tgz | tar -xz
# want: pipefail-missing
RUN ["/bin/sh", "-c", "curl -fsSL https://example.org/x.gz | gunzip > /x"]
RUN <<EOF
set -e
# want: pipefail-missing "\"find\""
find / -name '*.pyc' | xargs rm -f
EOF
# The status lost is that of the first command that can fail.
# want: pipefail-missing "the exit status of \"openssl\" is lost"
RUN echo "$CSR_CONFIG" | openssl req -new -config /dev/stdin | tee /tmp/req.pem
# One finding for a wrapper and the command it runs.
# want: pipefail-missing "\"sudo\""
RUN sudo tar -C /srv -c data | gzip > /backup.tgz
