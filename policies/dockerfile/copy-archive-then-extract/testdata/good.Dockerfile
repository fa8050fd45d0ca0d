FROM debian:12.5
ADD dist/app-1.2.tar.gz /opt/
# Copied to ship as it is, not extracted.
COPY backup.tar.gz /srv/backups/
RUN --mount=type=bind,source=dist/tool.tgz,target=/tmp/tool.tgz tar -xzf /tmp/tool.tgz -C /opt
# A tar that creates an archive.
COPY data.tar /tmp/
RUN tar -cf /tmp/out.tar /etc
