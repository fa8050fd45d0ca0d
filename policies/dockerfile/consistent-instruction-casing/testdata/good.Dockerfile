FROM alpine:3.20 AS build
RUN apk add --no-cache curl
COPY app /app
ONBUILD RUN echo "run, copy and from in words are not keywords"
CMD ["/app"]
