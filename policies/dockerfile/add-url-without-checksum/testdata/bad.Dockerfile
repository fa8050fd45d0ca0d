FROM debian:12.5
ARG TINI_VERSION=v0.19.0
# want: add-url-without-checksum "remote file \"https://github.com/krallin/tini/releases/download/\$\{TINI_VERSION\}/tini\" is added without --checksum"
ADD https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini /tini
# want: add-url-without-checksum "http://downloads.example.com/tool.tar.gz"
ADD --chmod=755 http://downloads.example.com/tool.tar.gz /opt/
# want: add-url-without-checksum "https://example.com/a.json"
# want: add-url-without-checksum "https://example.com/b.json"
ADD ["https://example.com/a.json", "https://example.com/b.json", "/data/"]
# want: add-url-without-checksum
ONBUILD ADD "https://example.com/plugin.jar" /plugins/
