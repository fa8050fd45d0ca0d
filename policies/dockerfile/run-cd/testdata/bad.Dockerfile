FROM golang:1.22
# want: run-cd "cd /src changes the directory"
RUN cd /src && go build -o /out/app ./cmd/app
RUN git clone https://github.com/acme/tool.git \
# want: run-cd "cd tool"
 && cd tool \
 && make install
# want: run-cd
RUN cd /src || exit 1; go test ./...
# want: run-cd "cd \$HOME"
RUN cd $HOME && ls -la
# want: run-cd "cd changes"
RUN cd && pwd
# want: run-cd
ONBUILD RUN cd /app && go mod download
# want: run-cd
RUN ["sh", "-c", "cd /src && go vet ./..."]
RUN <<EOF
set -e
# want: run-cd "cd /src/web"
cd /src/web
npm ci
EOF
# One finding per RUN, at the first cd.
RUN set -eux; \
# want: run-cd "cd /usr/src/app"
    cd /usr/src/app; \
    make install; \
    cd /usr/src/lib; \
    make install
