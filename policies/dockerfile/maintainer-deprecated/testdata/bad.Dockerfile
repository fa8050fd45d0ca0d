FROM alpine:3.20 AS build
# want: maintainer-deprecated "use LABEL org.opencontainers.image.authors"
MAINTAINER Jane Doe <jane@example.com>

FROM alpine:3.20
# want: maintainer-deprecated
maintainer "ops@example.com"
