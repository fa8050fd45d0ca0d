FROM golang:1.22
WORKDIR /src
RUN go build -o /out/app ./cmd/app
# A subshell keeps the change to itself.
RUN (cd /src/web && npm ci) && go test ./...
RUN for d in a b c; do (cd "$d" && make); done
# A directory made at build time cannot be a WORKDIR.
RUN cd "$(mktemp -d)" && curl -fsSLO https://example.org/tool.tar.gz && tar -xzf tool.tar.gz
RUN tmp=$(cd /src && pwd) && echo "$tmp"
# A cd that is the last command changes nothing.
RUN go build ./... && cd /
# A child shell's cd ends with it.
RUN bash -c 'cd /src/tools && go generate ./...'
RUN echo "cd /src && make" > /notes.txt && git -C /src status
RUN make -C /src/web
# Scratch directories of the RUN itself: made here, removed here, or under /tmp.
RUN mkdir -p /usr/src/app && cd /usr/src/app && make && cd / && rm -rf /usr/src/app
RUN git clone https://example.com/x.git /opt/x && cd /opt/x && make install
RUN cd /tmp/build && make
