FROM alpine:3.20
# want: apk-unpinned "package \"curl\""
RUN apk add --no-cache curl git=2.45.2-r0
# want: apk-unpinned "package \"gcc\""
RUN apk add --no-cache --virtual .build-deps gcc \
# want: apk-unpinned "package \"musl-dev\""
    musl-dev && apk del .build-deps
