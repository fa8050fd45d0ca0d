FROM debian:12.5
# want: label-value-invalid "created=\"yesterday\" is not an RFC 3339"
LABEL org.opencontainers.image.created="yesterday"
# want: label-value-invalid "licenses=\"MIT License\" is not an SPDX"
LABEL org.opencontainers.image.licenses="MIT License"
# want: label-value-invalid "source is empty"
LABEL org.opencontainers.image.source=""
# want: label-value-invalid "url=\"example.com\" is not a URL"
LABEL org.opencontainers.image.url=example.com
