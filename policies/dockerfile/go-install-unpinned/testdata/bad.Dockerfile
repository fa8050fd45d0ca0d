FROM golang:1.22
# want: go-install-unpinned "go install golang.org/x/tools/gopls@latest"
RUN go install golang.org/x/tools/gopls@latest
# want: go-install-unpinned "go get github.com/go-delve/delve/cmd/dlv fetches the newest"
RUN go get github.com/go-delve/delve/cmd/dlv
# want: go-install-unpinned "@master"
RUN CGO_ENABLED=0 go install -ldflags "-s -w" github.com/acme/tool@master
