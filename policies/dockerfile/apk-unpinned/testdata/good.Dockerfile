FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0 git~2.45 "openssl>3.3"
# The name after --virtual / -t is not a package.
RUN apk add --no-cache -t .deps gcc=13.2.1_git20240309-r0 && apk del .deps
RUN apk add --no-cache /tmp/local.apk "$EXTRA" && apk update && apk del curl
RUN apk --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing add --no-cache tini=0.19.0-r3
