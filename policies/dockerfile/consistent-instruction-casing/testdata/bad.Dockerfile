FROM alpine:3.20
# want: consistent-instruction-casing "run should be written in upper case"
run apk add --no-cache curl
# want: consistent-instruction-casing "Copy"
Copy app /app
CMD ["/app"]
