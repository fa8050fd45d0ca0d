FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /out/app ./...

# A scratch stage with nothing to run only carries files for docker build --output.
FROM scratch AS artifacts
COPY --from=build /out/app /
