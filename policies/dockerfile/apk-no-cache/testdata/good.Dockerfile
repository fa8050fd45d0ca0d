FROM alpine:3.20 AS build
# A builder stage whose files are copied out leaves its cache behind.
RUN apk add gcc musl-dev && cc -o /hello /src/hello.c

FROM alpine:3.20
COPY --from=build /hello /usr/local/bin/hello
RUN apk add --no-cache curl
RUN apk --no-cache add git
RUN apk add --no-cache --virtual .build-deps gcc && apk del .build-deps
RUN apk update && apk add jq && rm -rf /var/cache/apk/*
RUN apk add bash; rm -rf /var/cache/apk
RUN --mount=type=cache,target=/var/cache/apk apk add make
RUN --mount=type=cache,target=/etc/apk/cache apk update && apk add zip
RUN sh -c 'apk add --no-cache tar'
RUN apk del curl && apk info -vv
RUN echo "apk add curl" > /notes.txt
ONBUILD RUN apk add --no-cache file
# --no-network fetches nothing, so it stores no index.
RUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1
