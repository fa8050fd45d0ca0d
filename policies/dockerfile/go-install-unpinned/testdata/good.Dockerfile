FROM golang:1.22
RUN go install golang.org/x/tools/gopls@v0.16.1
RUN go install github.com/go-delve/delve/cmd/dlv@5a9b2a7e84e4cf7d3c8fb3ac0b7d8f4e3b8a2f61
# Without @, go install uses the version go.mod requires.
RUN go install github.com/acme/tool
# Local packages and the current module.
RUN go install ./cmd/... && go get -d . && go build -o /out/app .
RUN go get github.com/acme/lib@v1.4.0 && go install "$TOOL@latest"
RUN echo "go install x.io/y@latest"
