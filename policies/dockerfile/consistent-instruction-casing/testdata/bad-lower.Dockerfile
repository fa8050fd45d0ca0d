from alpine:3.20
run apk add --no-cache curl
# want: consistent-instruction-casing "COPY should be written in lower case"
COPY app /app
cmd ["/app"]
