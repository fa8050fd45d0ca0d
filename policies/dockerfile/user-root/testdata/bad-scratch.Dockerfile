FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /out/app ./...

# A scratch image has no users, but its process still runs as UID 0.
# want: user-root
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
