# options: {"exempt": ["golang.org/x/tools/..."]}
FROM golang:1.22
RUN go install golang.org/x/tools/gopls@latest
