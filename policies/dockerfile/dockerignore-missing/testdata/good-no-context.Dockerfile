# Nothing is copied from the context: only stages, images, URLs and heredocs.
FROM golang:1.22 AS build
RUN go install golang.org/x/tools/gopls@v0.16.1
FROM debian:12.5
COPY --from=build /go/bin/gopls /usr/local/bin/
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /tmp/
COPY <<EOF /etc/motd
hello
EOF
