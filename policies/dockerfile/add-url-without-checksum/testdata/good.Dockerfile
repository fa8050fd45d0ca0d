FROM debian:12.5
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
# Git sources are pinned by their ref, not by --checksum.
ADD https://github.com/moby/buildkit.git#v0.14.1 /src/buildkit
ADD --keep-git-dir=true https://gitlab.com/acme/tools.git /src/tools
# Local files and a URL in a RUN are other matters.
ADD local.tar.gz /opt/
COPY https.conf /etc/nginx/conf.d/
RUN curl -fsSLo /tmp/x https://example.com/x
