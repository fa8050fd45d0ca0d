FROM debian:12.5
# Local archives are extracted by ADD: that is its job.
ADD rootfs.tar.xz /
ADD vendor.tgz /opt/vendor/
ADD "bundle.tar.gz" site/ /srv/
# Remote sources.
ADD https://example.com/tool-1.2.3.zip /opt/
ADD https://github.com/moby/buildkit.git#v0.14.1 /src/buildkit
ADD git@github.com:acme/private.git /src/private
# A wildcard may match archives; variables cannot be judged.
ADD dist/* /opt/dist/
ARG PKG=app.tar.gz
ADD ${PKG} /opt/
# Heredocs.
ADD <<EOF /etc/motd
hello
EOF
# COPY is what this rule asks for.
COPY requirements.txt /app/
RUN echo "ADD requirements.txt ." > /notes
