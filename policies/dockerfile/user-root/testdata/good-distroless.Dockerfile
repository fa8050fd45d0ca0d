FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /out/app ./...

# The nonroot tags of distroless run as UID 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
