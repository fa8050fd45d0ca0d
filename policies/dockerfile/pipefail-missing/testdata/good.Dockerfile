FROM debian:12.5
RUN set -o pipefail && wget -O - https://example.org/tool.tar.gz | tar -xz -C /usr/local/bin
RUN set -euxo pipefail; curl -fsSL https://example.org/list.txt | sort > /list.txt
RUN set -eo pipefail \
 && curl -fsSL https://example.org/key.asc \
      | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN ["/bin/bash", "-o", "pipefail", "-c", "curl -fsSL https://example.org/x.gz | gunzip > /x"]
RUN bash -o pipefail -c 'curl -fsSL https://example.org/y.gz | gunzip > /y'
# Earlier commands that cannot fail.
RUN echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/x" | sha256sum -c -
RUN printf '%s\n' a b c | sort > /abc
RUN yes | apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# A pipe used as a condition is meant to fail quietly.
RUN if grep -q docker /proc/1/cgroup | head -1; then echo container; fi
RUN dpkg -l | grep -q curl || apt-get install -y --no-install-recommends curl
RUN echo "a | b" > /notes.txt && ls /tmp
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -O - https://example.org/tool.tar.gz | tar -xz -C /usr/local/bin
ONBUILD RUN curl -fsSL https://example.org/tool.tgz | tar -xz

FROM alpine:3.20
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN wget -qO- https://example.org/tool.tar.gz | tar -xz -C /usr/local/bin
