FROM golang:1.22
RUN go build -o /out/app ./...

FROM debian:12.5
# want: copy-from-index "--from=0"
COPY --from=0 /out/app /app
