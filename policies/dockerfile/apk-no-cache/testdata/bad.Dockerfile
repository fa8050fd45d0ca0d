FROM alpine:3.20 AS base
# want: apk-no-cache "apk add without --no-cache"
RUN apk add curl

FROM base
# want: apk-no-cache "apk update without --no-cache"
RUN apk update && apk add --no-cache git
RUN set -eux \
# want: apk-no-cache "apk add"
 && apk add --virtual .build-deps \
      gcc \
      musl-dev \
 && make \
 && apk del .build-deps
# Removing the cache before installing does not help.
# want: apk-no-cache
RUN rm -rf /var/cache/apk/* && apk add jq
# want: apk-no-cache
RUN sudo apk add --update bash
# want: apk-no-cache
ONBUILD RUN apk add make
# want: apk-no-cache
RUN ["apk", "add", "zip"]
# want: apk-no-cache
RUN --mount=type=bind,target=/src apk add -U tar
